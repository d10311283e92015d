//! Running the `auditlog` binary as a user runs it: shared by `tests/cli.rs` and `tests/log_cli.rs`.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use flate2::Compression;
use flate2::write::GzEncoder;

/// The demo's sample export: 5,001 lines, some invalid.
pub const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/www/public/samples/entries-5000.ndjson"
);

/// The binary run with `args`, `stdin` written to its standard input (none: empty).
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_auditlog"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("stdin is piped");
    input
        .write_all(stdin.unwrap_or_default())
        .expect("stdin takes the input");
    drop(input);
    child.wait_with_output().expect("the binary ends")
}

/// A file of this test binary's folder in Cargo's temporary folder for integration tests (under
/// `target/`, so that runs leave nothing in the system's), holding `bytes`; its path. Each run
/// writes the same names over the last run's.
pub fn temp_file(name: &str, bytes: &[u8]) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(env!("CARGO_CRATE_NAME"));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("the file is written");
    path.to_string_lossy().into_owned()
}

/// `bytes`, gzipped.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).expect("gzip in memory");
    encoder.finish().expect("gzip in memory")
}
