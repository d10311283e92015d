//! PyO3's cfgs for this crate: `Py_3_N` for each CPython version the wheel's abi3 minimum covers
//! (so `Py_3_11` is off in the abi3-py39 build), which gate the in-place reads.

fn main() {
    pyo3_build_config::use_pyo3_cfgs();
}
