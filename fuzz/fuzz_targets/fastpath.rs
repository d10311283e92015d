//! The bulk paths' fast path (src/fastpath/) against the scanner and the rules: on every line, for
//! every schema, a line the fast path calls valid is valid to the rules (and serde_json where they
//! leave it), the input as a block is framed into the same lines, and its split lines with one
//! answer key get one answer (what lets `check_ndjson` reuse answers). The first line the fast path
//! accepts is also checked with each byte changed, deleted and doubled at every offset. Runs on the
//! `ndjson` target's seeds.
#![no_main]

use auditlog::fastpath_proof as proof;
use auditlog::ndjson::lines;
use auditlog::source::tape::Scanner;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut scanner = Scanner::default();
    // The whole input as a block: framed by the fast path as by `lines`, and its split lines with
    // one answer key given one answer.
    for root in proof::roots() {
        if let Err(problem) = proof::framing_agrees_in(root, data) {
            panic!("{problem}");
        }
        if let Err(problem) = proof::keys_decide(root, &mut scanner, data, &mut Default::default())
        {
            panic!("{problem}");
        }
    }
    // Changing every byte is costly: done on the first accepted line of an input only.
    let mut swept = false;
    for (_, _, line) in lines(data) {
        let mut accepted = false;
        for root in proof::roots() {
            match proof::agrees(root, &mut scanner, line) {
                Ok(valid) => accepted |= valid,
                Err(problem) => panic!("{problem}"),
            }
            if let Err(problem) = proof::framing_agrees(root, line) {
                panic!("{problem}");
            }
        }
        if accepted && !swept && line.len() <= 1024 {
            swept = true;
            if let Err(problem) = proof::every_offset(line) {
                panic!("{problem}");
            }
        }
    }
});
