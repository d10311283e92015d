//! The crate's dependency arrows, read from its source: each module sits on a layer and uses only
//! modules on its own layer or below (the model and issues at the bottom, then where values are
//! read from, then the rules, then the front ends), and no two modules, nor two files of one
//! module, use each other. Test code (`#[cfg(test)]` items) and comments are not counted: a rule's
//! tests may well read the schemas it serves.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The crate's top-level modules, bottom layer first.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "model and issues",
        &["value", "issues", "messages", "model"],
    ),
    ("sources", &["byte_search", "ndjson", "js_number", "source"]),
    ("rules", &["rules"]),
    ("the rules' fast path", &["fastpath"]),
    (
        "front ends",
        &[
            "native",
            "problem",
            "json_schema",
            "openapi",
            "axum",
            "files",
            "log",
            "wasm",
            "server",
            "fastpath_proof",
        ],
    ),
];

fn layer(module: &str) -> Option<usize> {
    LAYERS
        .iter()
        .position(|(_, modules)| modules.contains(&module))
}

/// A file of the crate as a module path: `src/rules/platform.rs` is `["rules", "platform"]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut path: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if path
        .last()
        .is_some_and(|last| last == "mod" || last == "lib")
    {
        path.pop();
    }
    path
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file as [`without_comments_or_literals`] reads it, without its `#[cfg(test)]`
/// items: what the paths a file uses are read from.
fn code_only(text: &str) -> String {
    let code = without_comments_or_literals(text);
    let mut out = String::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        rest = skip_item(&rest[at + "#[cfg(test)]".len()..]);
    }
    out.push_str(rest);
    out
}

/// What follows the item at the start of `text`: past its matching `}`, or its `;` if it has no body.
fn skip_item(text: &str) -> &str {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &text[i + 1..];
                }
            }
            ';' if depth == 0 => return &text[i + 1..],
            _ => {}
        }
    }
    ""
}

/// The paths a file's code names through `crate::` or `super::`, resolved to module paths of the
/// crate (as far as they name modules), with `{a, b}` groups expanded.
fn used_paths(
    code: &str,
    here: &[String],
    modules: &BTreeSet<Vec<String>>,
) -> BTreeSet<Vec<String>> {
    let mut found = BTreeSet::new();
    let bytes = code.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    for (start, _) in code.match_indices("::") {
        // The first segment before this `::`, if it is `crate` or `super`.
        let mut begin = start;
        while begin > 0 && is_ident(bytes[begin - 1]) {
            begin -= 1;
        }
        if begin > 0 && (bytes[begin - 1] == b':' || is_ident(bytes[begin - 1])) {
            continue;
        }
        let base: Vec<String> = match &code[begin..start] {
            "crate" => Vec::new(),
            // `super` in a file's module is its parent; in `mod.rs` (a parent already) likewise.
            "super" => here[..here.len().saturating_sub(1)].to_vec(),
            _ => continue,
        };
        for path in expand(&code[start + 2..], base) {
            // The longest prefix that is a module of the crate.
            let mut path = path;
            while !path.is_empty() && !modules.contains(&path) {
                path.pop();
            }
            if !path.is_empty() {
                found.insert(path);
            }
        }
    }
    found
}

/// The paths `a::b::{c, d::e}` names from `base`.
fn expand(text: &str, base: Vec<String>) -> Vec<Vec<String>> {
    let mut path = base;
    let mut rest = text.trim_start();
    loop {
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if end > 0 {
            path.push(rest[..end].to_owned());
            rest = &rest[end..];
        }
        let group = match rest.strip_prefix("::") {
            Some(after) => {
                rest = after.trim_start();
                rest.strip_prefix('{')
            }
            // `crate::{a, b}`: the group follows the base's `::` directly.
            None if end == 0 => rest.strip_prefix('{'),
            None => return vec![path],
        };
        {
            if let Some(group) = group {
                let mut depth = 1;
                let close = group
                    .char_indices()
                    .find(|&(_, c)| {
                        depth += match c {
                            '{' => 1,
                            '}' => -1,
                            _ => 0,
                        };
                        depth == 0
                    })
                    .map_or(group.len(), |(i, _)| i);
                let mut items = Vec::new();
                let mut depth = 0;
                let mut from = 0;
                for (i, c) in group[..close].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            items.push(&group[from..i]);
                            from = i + 1;
                        }
                        _ => {}
                    }
                }
                items.push(&group[from..close]);
                return items
                    .into_iter()
                    .filter(|item| !item.trim().is_empty() && item.trim() != "self")
                    .flat_map(|item| expand(item, path.clone()))
                    .chain(std::iter::once(path.clone()))
                    .collect();
            }
            if end == 0 && rest.is_empty() {
                return vec![path];
            }
            continue;
        }
    }
}

struct Crate {
    /// Each module's code (files by module path).
    code: BTreeMap<Vec<String>, String>,
    modules: BTreeSet<Vec<String>>,
}

fn read_crate() -> Crate {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut code = BTreeMap::new();
    for file in files {
        let path = module_path(&src, &file);
        if path.first().is_some_and(|first| first == "bin") {
            continue;
        }
        code.insert(path, code_only(&fs::read_to_string(&file).unwrap()));
    }
    let modules = code.keys().cloned().collect();
    Crate { code, modules }
}

/// Every use of one module by another: (user, used), by module path.
fn uses(krate: &Crate) -> BTreeSet<(Vec<String>, Vec<String>)> {
    let mut edges = BTreeSet::new();
    for (here, code) in &krate.code {
        for used in used_paths(code, here, &krate.modules) {
            if &used != here && !here.starts_with(&used) {
                edges.insert((here.clone(), used));
            }
        }
    }
    edges
}

#[test]
fn every_module_is_on_a_layer() {
    let krate = read_crate();
    let unplaced: Vec<_> = krate
        .modules
        .iter()
        .filter_map(|path| path.first())
        .filter(|top| layer(top).is_none())
        .collect();
    assert!(
        unplaced.is_empty(),
        "modules on no layer of LAYERS: {unplaced:?}"
    );
}

#[test]
fn modules_use_only_their_own_layer_and_those_below() {
    let krate = read_crate();
    let upward: Vec<String> = uses(&krate)
        .into_iter()
        .filter(|(user, used)| layer(&used[0]) > layer(&user[0]))
        .map(|(user, used)| format!("{} uses {}", user.join("::"), used.join("::")))
        .collect();
    assert!(
        upward.is_empty(),
        "uses that point up a layer:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_two_modules_use_each_other() {
    let krate = read_crate();
    let edges = uses(&krate);
    // Between top-level modules, and between the files of one module (a parent's `mod.rs` aside:
    // a module's files may use what it shares, and it dispatches to them).
    let top: BTreeSet<(String, String)> = edges
        .iter()
        .filter(|(a, b)| a[0] != b[0])
        .map(|(a, b)| (a[0].clone(), b[0].clone()))
        .collect();
    let siblings: BTreeSet<(Vec<String>, Vec<String>)> = edges
        .iter()
        .filter(|(a, b)| a.len() > 1 && b.len() > 1 && a[..a.len() - 1] == b[..b.len() - 1])
        .cloned()
        .collect();
    let mut circles = Vec::new();
    for (a, b) in &top {
        if a < b && top.contains(&(b.clone(), a.clone())) {
            circles.push(format!("{a} <-> {b}"));
        }
    }
    for (a, b) in &siblings {
        if a < b && siblings.contains(&(b.clone(), a.clone())) {
            circles.push(format!("{} <-> {}", a.join("::"), b.join("::")));
        }
    }
    // Longer circles between top-level modules: every module's reach must not include itself.
    for start in top.iter().map(|(a, _)| a) {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&String> = top
            .iter()
            .filter(|(a, _)| a == start)
            .map(|(_, b)| b)
            .collect();
        while let Some(next) = stack.pop() {
            if next == start {
                circles.push(format!("{start} reaches itself"));
                break;
            }
            if seen.insert(next) {
                stack.extend(top.iter().filter(|(a, _)| a == next).map(|(_, b)| b));
            }
        }
    }
    circles.sort();
    circles.dedup();
    assert!(
        circles.is_empty(),
        "modules that use each other:\n{}",
        circles.join("\n")
    );
}

/// The reader above finds the uses it must: a check that could never fail would prove nothing.
#[test]
fn the_reader_sees_uses_in_every_form() {
    let modules: BTreeSet<Vec<String>> = [
        vec!["rules"],
        vec!["rules", "platform"],
        vec!["rules", "schema"],
        vec!["value"],
    ]
    .into_iter()
    .map(|p| p.into_iter().map(String::from).collect())
    .collect();
    let here: Vec<String> = vec!["rules".into(), "resources".into()];
    let code = code_only(
        "use super::platform::{RECORD, RESOURCE};\nuse crate::{value::Kind, rules::schema::Step};\n\
         // use crate::issues::Issue;\nfn f() { crate::rules::check(); }\n\
         #[cfg(test)]\nmod tests { use crate::model::X; }\n",
    );
    let found: BTreeSet<String> = used_paths(&code, &here, &modules)
        .into_iter()
        .map(|p| p.join("::"))
        .collect();
    let expected: BTreeSet<String> = ["rules::platform", "value", "rules::schema", "rules"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(found, expected);
}

/// The text without comments, and with every string and character literal emptied: what the
/// compiler reads as code, test items included.
fn without_comments_or_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    let mut out = String::new();
    let mut i = 0;
    while let Some(c) = at(i) {
        let after_ident = i > 0 && at(i - 1).is_some_and(|p| p.is_alphanumeric() || p == '_');
        match (c, at(i + 1)) {
            ('/', Some('/')) => {
                while at(i).is_some_and(|c| c != '\n') {
                    i += 1;
                }
            }
            ('/', Some('*')) => {
                let mut depth = 0;
                while let Some(c) = at(i) {
                    match (c, at(i + 1)) {
                        ('/', Some('*')) => (depth, i) = (depth + 1, i + 2),
                        ('*', Some('/')) => (depth, i) = (depth - 1, i + 2),
                        _ => i += 1,
                    }
                    if depth == 0 {
                        break;
                    }
                }
            }
            // A raw string, r"..." or r#"..."# (br"..." and cr"..." too): no escapes inside.
            ('r', Some('"' | '#')) if !after_ident || matches!(at(i - 1), Some('b' | 'c')) => {
                let hashes = (i + 1..).take_while(|&j| at(j) == Some('#')).count();
                let open = i + 1 + hashes;
                if at(open) != Some('"') {
                    out.push(c);
                    i += 1;
                    continue;
                }
                i = open + 1;
                while at(i).is_some()
                    && !(at(i) == Some('"') && (1..=hashes).all(|k| at(i + k) == Some('#')))
                {
                    i += 1;
                }
                i += 1 + hashes;
                out.push_str("\"\"");
            }
            ('"', _) => {
                i += 1;
                while let Some(c) = at(i) {
                    i += if c == '\\' { 2 } else { 1 };
                    if c == '"' {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            // A character literal ('x', '\n', '\u{..}'), not a lifetime ('a).
            ('\'', Some('\\')) => {
                // Past the quote, the backslash and the character it escapes.
                i += 3;
                while at(i).is_some_and(|c| c != '\'') {
                    i += 1;
                }
                i += 1;
                out.push_str("''");
            }
            ('\'', Some(_)) if at(i + 2) == Some('\'') => {
                i += 3;
                out.push_str("''");
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

#[test]
fn unsafe_code_is_in_the_allocator_and_the_export_names_alone() {
    // The crate denies unsafe code (src/lib.rs); one module, an allocator, which hands out raw
    // memory, is allowed it where src/wasm/mod.rs declares it, and the browser modules' exports
    // name their symbols (`#[unsafe(no_mangle)]`, once, in src/wasm/exports.rs's macro). Every
    // other file, its tests included, is held to no unsafe code and to no attribute that names
    // the lint.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let code_of = |file: &Path| without_comments_or_literals(&fs::read_to_string(file).unwrap());
    // Attributes are compared without their whitespace; words are counted with it.
    let squeezed = |code: &str| code.split_whitespace().collect::<String>();
    let words = |code: &str, word: &str| {
        code.split(|c: char| !c.is_alphanumeric() && c != '_')
            .filter(|w| *w == word)
            .count()
    };
    let allocator = src.join("wasm/allocator.rs");
    let exports = src.join("wasm/exports.rs");
    for file in &files {
        let code = code_of(file);
        let expected = if *file == exports {
            // The allowance covers each export's body too: the count below of exactly one
            // `unsafe` in the file (the attribute) is what keeps those bodies safe. The reader
            // empties the ABI's literal.
            assert!(
                squeezed(&code)
                    .contains("#[allow(unsafe_code)]#[unsafe(no_mangle)]pubextern\"\"fn$name")
            );
            1
        } else if *file == src.join("lib.rs") {
            assert!(
                squeezed(&code).contains("#![deny(unsafe_code)]"),
                "src/lib.rs no longer denies unsafe code"
            );
            1
        } else if *file == src.join("wasm/mod.rs") {
            assert!(squeezed(&code).contains("#[allow(unsafe_code)]modallocator;"));
            1
        } else {
            0
        };
        assert_eq!(
            words(&code, "unsafe_code"),
            expected,
            "{}: an attribute names unsafe_code",
            file.display()
        );
        if *file != allocator {
            let expected = usize::from(*file == exports);
            assert_eq!(
                words(&code, "unsafe"),
                expected,
                "{}: unsafe code",
                file.display()
            );
        }
    }
    assert!(files.contains(&allocator) && files.contains(&exports));
    // The reader sees through comments and literals, and not through code.
    let read = without_comments_or_literals(
        "a /* unsafe /* x */ */ b // unsafe\n\"unsafe \\\" unsafe\" r#\"unsafe\"# 'u' '\\'' c<'l> unsafe",
    );
    assert_eq!(read, "a  b \n\"\" \"\" '' '' c<'l> unsafe");
    // Every form of unsafe code is a word of its own.
    let forms = [
        "pub unsafe fn f() {}",
        "unsafe impl Send for X {}",
        "unsafe trait T {}",
        "unsafe extern \"C\" {}",
        "unsafe { f() }",
    ];
    for form in forms {
        let code = without_comments_or_literals(form);
        assert_eq!(words(&code, "unsafe"), 1, "{form}");
    }
}
