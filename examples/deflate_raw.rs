//! Writes standard input to standard output as raw DEFLATE (RFC 1951), compressed with Zopfli: the
//! inline copies of the browser's wasm modules (src/js/build-pkg.mjs), which the pages built without
//! a .wasm file download inside their JavaScript. Zopfli's stream is about 5-6% smaller than zlib's at
//! level 9 for these modules, and any inflater reads it (the browsers'
//! `DecompressionStream("deflate-raw")`). Not an example of the API: a build step of the package.

use std::io::{Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut input = Vec::new();
    let mut out = Vec::new();
    let done = std::io::stdin()
        .lock()
        .read_to_end(&mut input)
        .and_then(|_| {
            zopfli::compress(
                zopfli::Options::default(),
                zopfli::Format::Deflate,
                input.as_slice(),
                &mut out,
            )
        })
        .and_then(|()| std::io::stdout().lock().write_all(&out));
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("deflate_raw: {error}");
            ExitCode::FAILURE
        }
    }
}
