//! Every number that crosses between the JS glue and the wasm module, declared once. The glue's
//! constants are generated from these declarations when the package is built ([`js_module`], written
//! to `protocol.js` by `src/js/build-pkg.mjs`), so the two sides cannot drift apart.
//!
//! Facts (`f64`, written by the glue), one 4-slot record per value: `[tag, number, text_at, text_len]`.
//! `tag` is the [`Kind`] in its low 4 bits plus [`flag`] bits; `number` is a string's UTF-16 length or
//! `Number(value.length)`; the text range points into the `u16` text area (a string's contents, or an
//! instance's constructor name). What follows a record depends on what the schema reads there
//! ([`Needs`]): an object's record is followed by one node per schema field; a record's (plain
//! object's) by its entry count and, per entry, the key's [`key`] kind and the value's node; an
//! array's by its item count and the items' nodes; a JSON value's by its children (count, then per
//! child an object key's kind and the child's node).
//!
//! Answers (`u32`, written by the module) are [`token`] streams: an array of issues, each an object.

#[cfg(feature = "std")]
use crate::json_schema::{Io, Target};
use crate::model::{AuditLogAction, PlatformActor, PlatformEvent, PlatformResourceType};
use crate::rules::schema::{Format, ObjectSchema, Reads, Rule, Shortcut};
use crate::rules::{Root, entry, platform};
pub use crate::source::facts::{RECORD_SLOTS, flag, key};
#[cfg(feature = "std")]
use crate::value::Kind;
pub use crate::wasm::tokens::{MALFORMED, TokenWriter, token};

constants! {
    /// The checks the glue may run itself on a field's value before it writes its facts
    /// ([`fast_check`]). Each accepts only values the field's rules accept; anything else is
    /// written down and left to the rules, which decide every issue.
    fast {
        /// None: every value goes to the rules.
        NONE = 0,
        /// Any value (`z.unknown()`).
        ANY = 1,
        /// `[min_units, max_units, regex]`: a string whose UTF-16 length is within both (bounds
        /// that imply the rules' code point limits) and that the regex (empty: none) matches.
        STRING = 2,
        /// `[values]`: one of these strings.
        ONE_OF = 3,
    }
}

constants! {
    /// What the NDJSON report says of a listed line.
    line {
        /// The line is invalid: its issues are in the tokens.
        INVALID = 0,
        /// The glue checks the line itself, with `JSON.parse`.
        UNSURE = 1,
    }
}

constants! {
    /// Where each part of the NDJSON report's header is, as [`crate::wasm::check_ndjson`] writes it;
    /// the listed lines follow it, each as [`listed`] lays it out.
    report {
        /// The newlines before the chunk's last line (the next chunk's lines count on from there).
        NEWLINES = 0,
        /// The lines checked (blank lines are not), the listed unsure ones excepted.
        TOTAL = 1,
        /// The valid lines among them.
        VALID = 2,
        /// Where the first listed line starts.
        LISTED = 3,
    }
}

constants! {
    /// Where each part of a listed line's entry in the NDJSON report is:
    /// `[number, kind, from, to]`.
    listed {
        /// Its line number in the chunk, from 1.
        NUMBER = 0,
        /// What the report says of it ([`line`]).
        KIND = 1,
        /// [`line::INVALID`]: where its issues' tokens start; [`line::UNSURE`]: its first byte.
        FROM = 2,
        /// [`line::INVALID`]: how many tokens; [`line::UNSURE`]: the byte after its last.
        TO = 3,
        /// How many numbers an entry takes.
        SLOTS = 4,
    }
}

constants! {
    /// Where each part of a schema's table is, as [`crate::wasm::schema_fields`] writes it:
    /// `[is_object, fields, refined]`.
    table {
        /// Whether the schema is an object schema (else a single value's, with one field).
        IS_OBJECT = 0,
        /// The fields, each as [`field`] lays it out.
        FIELDS = 1,
        /// Whether rules across fields read the schema's values.
        REFINED = 2,
    }
}

constants! {
    /// Where each part of a field's entry in a schema's table is: `[name, needs, number, fast]`.
    field {
        /// The field's name (empty for a value schema's one field).
        NAME = 0,
        /// What the glue reads ([`Needs`]).
        NEEDS = 1,
        /// The schema of a record's or array's objects, or a JSON tree's depth ([`needs`]).
        NUMBER = 2,
        /// The field's fast check, as [`check`] lays it out.
        FAST = 3,
    }
}

constants! {
    /// Where each part of a field's fast check is ([`fast_check`]): `[kind, optional, ...]`,
    /// then what the kind takes.
    check {
        /// Its [`fast`] kind.
        KIND = 0,
        /// Whether `undefined` is accepted too.
        OPTIONAL = 1,
        /// [`fast::STRING`]: the fewest UTF-16 units.
        MIN_UNITS = 2,
        /// [`fast::STRING`]: the most UTF-16 units.
        MAX_UNITS = 3,
        /// [`fast::STRING`]: a regular expression the string must match (empty: none).
        PATTERN = 4,
        /// [`fast::ONE_OF`]: the values.
        VALUES = 2,
    }
}

constants! {
    /// How a log call ends (`crate::wasm::log`): its answer, or why not, is in its output.
    log_status {
        /// The call did what it was asked; the output holds the answer.
        OK = 0,
        /// The call could not: the output holds why, as text.
        FAILED = 1,
    }
}

constants! {
    /// Where the parts of the log calls' answers are (`crate::wasm::log`), in bytes; numbers are
    /// little-endian.
    log_answer {
        /// A hash's length (SHA-256): a list of hashes is these, one after another.
        HASH_BYTES = 32,
        /// A verified checkpoint: its root.
        CHECKPOINT_ROOT = 0,
        /// A verified checkpoint: its size (8 bytes).
        CHECKPOINT_SIZE = 32,
        /// A verified checkpoint: its origin, UTF-8 to the end.
        CHECKPOINT_ORIGIN = 40,
        /// The NDJSON pipeline: the number of leaves (4 bytes).
        LEAVES_COUNT = 0,
        /// The NDJSON pipeline: the number of invalid lines (4 bytes).
        LEAVES_INVALID = 4,
        /// The NDJSON pipeline: the root.
        LEAVES_ROOT = 8,
        /// The NDJSON pipeline: the leaf hashes, then the invalid lines' numbers (4 bytes each).
        LEAVES_HASHES = 40,
    }
}

/// What the glue reads and sends for a field, beyond the value's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Needs {
    /// Nothing about the value: it is passed through (`z.unknown()`), never inspected.
    Nothing = 0,
    /// The kind is enough.
    Kind = 1,
    /// A string's length, or a non-string's `length` (length checks run on both).
    Length = 2,
    /// A string's text.
    Text = 3,
    /// A string's text, or a non-string's `length`.
    TextAndLength = 4,
    /// A record's entries, each read as an object of another schema.
    Record = 5,
    /// An array's items, each read as an object of another schema; and a non-array's `length`.
    Array = 6,
    /// The whole JSON tree, down to a depth.
    Json = 7,
}

impl Needs {
    /// Every value, in the order of their numbers.
    pub const ALL: [Needs; 8] = [
        Needs::Nothing,
        Needs::Kind,
        Needs::Length,
        Needs::Text,
        Needs::TextAndLength,
        Needs::Record,
        Needs::Array,
        Needs::Json,
    ];

    /// Whether the glue sends a string's text.
    pub const fn sends_text(self) -> bool {
        matches!(self, Needs::Text | Needs::TextAndLength)
    }

    /// Whether the glue sends a non-string's `Number(value.length)`.
    pub const fn sends_length(self) -> bool {
        matches!(self, Needs::Length | Needs::TextAndLength | Needs::Array)
    }

    /// Whether the glue sends the class name of an object the field rejects (for "received Foo").
    pub const fn sends_type_name(self) -> bool {
        !matches!(self, Needs::Nothing | Needs::Text)
    }

    /// Whether the glue reads inside the value: a record's entries, an array's items, a JSON tree.
    pub const fn reads_inside(self) -> bool {
        matches!(self, Needs::Record | Needs::Array | Needs::Json)
    }
}

/// What the glue reads for a field with `rule`, as the rule states it ([`Rule::reads`]; `refined`:
/// rules across fields read its value too), and a number that goes with it: the schema id of a
/// record's or array's objects, the depth of a JSON tree, else 0.
pub fn needs(rule: &Rule, refined: bool) -> (Needs, u32) {
    let reads = if refined {
        rule.reads().with_text()
    } else {
        rule.reads()
    };
    match reads {
        Reads::Nothing => (Needs::Nothing, 0),
        Reads::Kind => (Needs::Kind, 0),
        Reads::Utf16Length => (Needs::Length, 0),
        Reads::Text => (Needs::Text, 0),
        Reads::TextAndLength => (Needs::TextAndLength, 0),
        Reads::Record(schema) => (Needs::Record, schema_id(schema)),
        Reads::Array(items) => (Needs::Array, schema_id(items)),
        Reads::Json(depth) => (Needs::Json, depth),
    }
}

/// The check the glue may run itself on a field with `rule` (see [`fast`]), written as tokens:
/// `[kind, optional, ...]`, where `optional` says `undefined` is accepted (by any kind). A schema
/// with rules across its fields gets none: its refinement reads every field's value.
pub fn fast_check(writer: &mut TokenWriter<'_>, rule: &Rule, optional: bool, refined: bool) {
    let optional = optional && !refined;
    let header = |writer: &mut TokenWriter<'_>, len: usize, kind: u32| {
        writer.array(len);
        writer.number(kind);
        writer.boolean(optional);
    };
    match if refined {
        Shortcut::None
    } else {
        rule.shortcut()
    } {
        Shortcut::None => header(writer, 2, fast::NONE),
        Shortcut::Any => header(writer, 2, fast::ANY),
        Shortcut::String {
            min_units,
            max_units,
            pattern,
        } => {
            header(writer, 5, fast::STRING);
            writer.number(min_units);
            writer.number(max_units);
            writer.static_str(pattern);
        }
        Shortcut::OneOf(values) => {
            header(writer, 3, fast::ONE_OF);
            writer.static_strs(values);
        }
    }
}

/// The open-types schemas, the first of [`SCHEMAS`].
const OPEN_TYPES_SCHEMAS: [(&str, Root); 3] = [
    ("auditLogEntrySchema", Root::Object(&entry::ENTRY)),
    ("auditLogChangeSchema", Root::Object(&entry::CHANGE)),
    ("auditLogActionSchema", Root::Value(entry::ACTION)),
];

/// The package's schemas, numbered by their place here: the glue asks for a schema by number.
pub const SCHEMAS: [(&str, Root); 5] = [
    OPEN_TYPES_SCHEMAS[0],
    OPEN_TYPES_SCHEMAS[1],
    OPEN_TYPES_SCHEMAS[2],
    ("platformRecordSchema", Root::Object(&platform::RECORD)),
    ("platformResourceSchema", Root::Object(&platform::RESOURCE)),
];

/// Whether this is the browser's open-types module: feature `open-types-only`, which only a wasm32
/// build heeds (so that `--all-features` builds elsewhere stay whole).
const OPEN_TYPES_MODULE: bool = cfg!(all(target_arch = "wasm32", feature = "open-types-only"));

/// The schemas this build's wasm module answers for, by the same numbers: all of them, but in the
/// browser's open-types module ([`OPEN_TYPES_MODULE`]), which holds none of the platform record's
/// rules (its pages import none of its schemas).
pub const IN_MODULE: &[(&str, Root)] = if OPEN_TYPES_MODULE {
    &OPEN_TYPES_SCHEMAS
} else {
    &SCHEMAS
};

// The open-types module leaves out the IP address check (src/rules/string.rs): none of its schemas
// may have one.
const _: () = assert!(!OPEN_TYPES_MODULE || !has_ip_format(IN_MODULE));

/// Whether a field of these schemas, or of a schema they nest, must be an IP address.
pub const fn has_ip_format(schemas: &[(&str, Root)]) -> bool {
    any_rule(schemas, Sought::IpFormat)
}

// The open-types module leaves out the array and JSON-object rules (src/rules/mod.rs): none of its
// schemas may have one.
const _: () = assert!(!OPEN_TYPES_MODULE || !has_array_or_json(IN_MODULE));

/// Whether a field of these schemas, or of a schema they nest, is an array or a JSON object.
pub const fn has_array_or_json(schemas: &[(&str, Root)]) -> bool {
    any_rule(schemas, Sought::ArrayOrJson)
}

// The open-types module leaves out the rules across fields (src/rules/object.rs): none of its
// schemas may have them.
const _: () = assert!(!OPEN_TYPES_MODULE || !has_refinement(IN_MODULE));

/// Whether one of these schemas, or a schema they nest, has rules across its fields.
pub const fn has_refinement(schemas: &[(&str, Root)]) -> bool {
    any_rule(schemas, Sought::Refinement)
}

/// A kind of rule a module may leave out (see [`any_rule`]).
#[derive(Clone, Copy)]
enum Sought {
    IpFormat,
    ArrayOrJson,
    Refinement,
}

/// Whether a rule of these schemas, or of a schema they nest, is of the kind sought. A `const fn`,
/// so that the asserts above hold at compile time (closures cannot be called there).
const fn any_rule(schemas: &[(&str, Root)], sought: Sought) -> bool {
    const fn in_rule(rule: &Rule, sought: Sought) -> bool {
        let this = match rule {
            Rule::String(rule) => {
                matches!(sought, Sought::IpFormat) && matches!(rule.format, Some(Format::IpOrEmpty))
            }
            Rule::Array { .. } | Rule::JsonObject => matches!(sought, Sought::ArrayOrJson),
            Rule::Unknown | Rule::Enum { .. } | Rule::Record(_) => false,
        };
        this || match rule {
            Rule::Record(schema) | Rule::Array { items: schema } => in_object(schema, sought),
            Rule::Unknown | Rule::String(_) | Rule::Enum { .. } | Rule::JsonObject => false,
        }
    }
    const fn in_object(schema: &ObjectSchema, sought: Sought) -> bool {
        if matches!(sought, Sought::Refinement) && schema.refine.is_some() {
            return true;
        }
        let mut i = 0;
        while i < schema.fields.len() {
            if in_rule(&schema.fields[i].rule, sought) {
                return true;
            }
            i += 1;
        }
        false
    }
    let mut i = 0;
    while i < schemas.len() {
        let found = match &schemas[i].1 {
            Root::Object(schema) => in_object(schema, sought),
            Root::Value(rule) => in_rule(rule, sought),
        };
        if found {
            return true;
        }
        i += 1;
    }
    false
}

/// The schema with this number, if this build's module has it.
pub fn schema(id: u32) -> Option<Root> {
    const ROOTS: [Root; IN_MODULE.len()] = unnamed(IN_MODULE);
    ROOTS.get(id as usize).copied()
}

/// The values of `named` without their names, which only the glue's code needs: so that the names
/// stay out of the module's data. `named` has `N` items.
const fn unnamed<T: Copy, const N: usize>(named: &[(&str, T)]) -> [T; N] {
    let mut values = [named[0].1; N];
    let mut i = 0;
    while i < N {
        values[i] = named[i].1;
        i += 1;
    }
    values
}

/// The number of an object schema nested in another (every one is in [`SCHEMAS`], and one
/// nested in a schema of [`IN_MODULE`] is in it too).
fn schema_id(schema: &ObjectSchema) -> u32 {
    let id = IN_MODULE
        .iter()
        .position(|(_, root)| matches!(root, Root::Object(s) if core::ptr::eq(*s, schema)));
    // Every schema a table nests is listed above (a test checks); the count cannot reach MALFORMED.
    id.map_or(MALFORMED, |id| id as u32)
}

/// The closed lists of the model, numbered by their place here, as the package exports them.
pub const NAME_LISTS: [(&str, &[&str]); 4] = [
    ("auditLogActions", AuditLogAction::NAMES),
    ("platformEvents", PlatformEvent::NAMES),
    ("platformActorTypes", PlatformActor::NAMES),
    ("platformResourceTypes", PlatformResourceType::NAMES),
];

/// The name lists this build's module gives, by the same numbers (see [`IN_MODULE`]).
pub const NAME_LISTS_IN_MODULE: &[(&str, &[&str])] = if OPEN_TYPES_MODULE {
    &[NAME_LISTS[0]]
} else {
    &NAME_LISTS
};

/// The names of the closed list with this number, if this build's module has it.
pub fn name_list(which: u32) -> Option<&'static [&'static str]> {
    const LISTS: [&[&str]; NAME_LISTS_IN_MODULE.len()] = unnamed(NAME_LISTS_IN_MODULE);
    LISTS.get(which as usize).copied()
}

/// The glue's side of the protocol, as an ES module: every constant above, as `export const`s.
#[cfg(feature = "std")]
pub fn js_module() -> String {
    let mut out = String::from(
        "// Generated from src/wasm/protocol.rs by `make pkg` (cargo run --example js_protocol): what\n\
         // crosses between the glue and the wasm module. Change the Rust declarations, not this file.\n",
    );
    write_constant_groups(&mut out);
    write_needs_tables(&mut out);
    out += &format!(
        "\n// Answered when the input cannot be read.\nexport const MALFORMED = {MALFORMED};\n"
    );
    let prefix = serde_json::Value::from(crate::messages::INVALID_JSON_PREFIX);
    out += &format!(
        "// The message of an `invalid_json` issue starts so (src/messages.rs).\nexport const INVALID_JSON_PREFIX = {prefix};\n"
    );
    let numbered = |names: Vec<&str>| {
        let numbered: Vec<String> = names
            .iter()
            .enumerate()
            .map(|(i, name)| format!("{name}: {i}"))
            .collect();
        numbered.join(", ")
    };
    let targets: Vec<String> = Target::NAMES
        .iter()
        .map(|(name, target)| format!("\"{name}\": {}", *target as u32))
        .collect();
    out += "\n// JSON Schema: the targets Zod knows, by name (any other name is TARGET_OTHER), and the io modes.\n";
    out += &format!(
        "export const JSON_SCHEMA_TARGETS = {{ {} }};\n",
        targets.join(", ")
    );
    out += &format!("export const TARGET_OTHER = {};\n", Target::Other as u32);
    out += &format!("export const IO_INPUT = {};\n", Io::Input as u32);
    out += &format!("export const IO_OUTPUT = {};\n", Io::Output as u32);
    out += "\n// The schemas and the name lists, by the numbers the module knows them by.\n";
    out += &format!(
        "export const SCHEMA_IDS = {{ {} }};\n",
        numbered(SCHEMAS.iter().map(|(name, _)| *name).collect())
    );
    out += &format!(
        "export const NAME_LIST_IDS = {{ {} }};\n",
        numbered(NAME_LISTS.iter().map(|(name, _)| *name).collect())
    );
    out
}

/// `export const KIND_STRING = 10;` and the like, group by group.
#[cfg(feature = "std")]
fn write_constant_groups(out: &mut String) {
    let named = |all: &[(&str, u32)]| {
        all.iter()
            .map(|(name, value)| ((*name).to_owned(), *value))
            .collect()
    };
    let kinds = Kind::ALL
        .iter()
        .map(|k| (screaming(&format!("{k:?}")), *k as u32))
        .collect();
    let needs = Needs::ALL
        .iter()
        .map(|n| (screaming(&format!("{n:?}")), *n as u32))
        .collect();
    let slots = vec![("SLOTS".to_owned(), RECORD_SLOTS as u32)];
    type Group<'a> = (&'a str, &'a str, Vec<(String, u32)>);
    let groups: [Group<'_>; 15] = [
        (
            "Value kinds (the low 4 bits of a fact's tag).",
            "KIND",
            kinds,
        ),
        ("Flags of a fact's tag.", "FLAG", named(flag::ALL)),
        ("Kinds of record keys.", "KEY", named(key::ALL)),
        ("Tokens of an answer.", "TOKEN", named(token::ALL)),
        (
            "What an NDJSON report says of a listed line.",
            "LINE",
            named(line::ALL),
        ),
        (
            "Where the parts of the NDJSON report's header are.",
            "REPORT",
            named(report::ALL),
        ),
        (
            "Where the parts of a listed line's entry are.",
            "LISTED",
            named(listed::ALL),
        ),
        ("What the glue reads for a field.", "NEEDS", needs),
        ("Checks the glue runs itself.", "FAST", named(fast::ALL)),
        ("The numbers of a fact's value record.", "RECORD", slots),
        (
            "Where the parts of a schema's table are.",
            "TABLE",
            named(table::ALL),
        ),
        (
            "Where the parts of a field's entry are.",
            "FIELD",
            named(field::ALL),
        ),
        (
            "Where the parts of a fast check are.",
            "CHECK",
            named(check::ALL),
        ),
        ("How a log call ends.", "LOG", named(log_status::ALL)),
        (
            "Where the parts of a log call's answer are (bytes).",
            "LOG_ANSWER",
            named(log_answer::ALL),
        ),
    ];
    for (comment, prefix, constants) in groups {
        *out += &format!("\n// {comment}\n");
        for (name, value) in constants {
            *out += &format!("export const {prefix}_{name} = {value};\n");
        }
    }
}

/// What the glue sends for each `Needs`, as arrays indexed by its number.
#[cfg(feature = "std")]
fn write_needs_tables(out: &mut String) {
    *out += "// By NEEDS_* number: whether the glue sends a string's text, a non-string's `length`, a\n\
             // class name, and whether it reads inside the value.\n";
    for (name, test) in [
        ("SENDS_TEXT", Needs::sends_text as fn(Needs) -> bool),
        ("SENDS_LENGTH", Needs::sends_length),
        ("SENDS_TYPE_NAME", Needs::sends_type_name),
        ("READS_INSIDE", Needs::reads_inside),
    ] {
        let flags: Vec<String> = Needs::ALL.map(test).map(|b| b.to_string()).into();
        *out += &format!("export const {name} = [{}];\n", flags.join(", "));
    }
}

/// The JSON Schema of every schema as an ES module, one `export const` per schema (so that bundlers
/// drop the ones a page does not use): `[texts, which]`, its distinct JSON texts without `$schema`
/// and, at `target * 2 + io`, the one that target and io mode get; and `SCHEMA_URIS`, the `$schema`
/// each target puts first (null: none). They are constant, so the glue carries them as data rather
/// than the module carrying the code that writes them.
#[cfg(feature = "std")]
pub fn json_schemas_module() -> String {
    use crate::json_schema::text_without_schema_uri;
    let mut out = String::from(
        "// Generated from src/json_schema.rs by `make pkg` (cargo run --example js_protocol -- json-schemas):\n\
         // JSON_SCHEMAS, by schema number (protocol.js SCHEMA_IDS), each schema's JSON Schema texts\n\
         // without `$schema` and which one each (target, io) gets at target * 2 + io; SCHEMA_URIS, by\n\
         // target, the `$schema` that goes first.\n",
    );
    let uris: Vec<String> = Target::ALL
        .iter()
        .map(|target| target.schema_uri().map_or("null".to_owned(), single_quoted))
        .collect();
    out += &format!("export const SCHEMA_URIS = [{}];\n", uris.join(", "));
    out += "export const JSON_SCHEMAS = [\n";
    for (name, root) in SCHEMAS {
        let (mut texts, mut which) = (Vec::<String>::new(), Vec::new());
        for target in Target::ALL {
            for io in [Io::Input, Io::Output] {
                let text = text_without_schema_uri(root, target, io);
                let index = texts.iter().position(|t| *t == text).unwrap_or_else(|| {
                    texts.push(text);
                    texts.len() - 1
                });
                which.push(index.to_string());
            }
        }
        let texts: Vec<String> = texts.iter().map(|t| single_quoted(t)).collect();
        out += &format!(
            "  // {name}\n  [[{}], [{}]],\n",
            texts.join(", "),
            which.join(", ")
        );
    }
    out += "];\n";
    out
}

/// `text` as a single-quoted JS string literal: JSON text has many double quotes and no single ones.
#[cfg(feature = "std")]
fn single_quoted(text: &str) -> String {
    let mut out = String::from("'");
    for c in text.chars() {
        match c {
            '\\' => out += "\\\\",
            '\'' => out += "\\'",
            '\n' => out += "\\n",
            '\r' => out += "\\r",
            '\u{2028}' => out += "\\u2028",
            '\u{2029}' => out += "\\u2029",
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// The keys of each issue code, in Zod's order (see [`crate::issues::Issue::visit`]), as JSON:
/// `{ "invalid_type": ["expected", "code", "path", "message"], ... }`. The package's declarations of
/// the issues (`src/js/index.d.ts`) are checked against it.
#[cfg(feature = "std")]
pub fn issue_shapes_json() -> String {
    let mut shapes = serde_json::Map::new();
    for code in crate::issues::IssueCode::one_of_each() {
        let issue = crate::issues::Issue {
            code,
            path: Vec::new(),
            message: std::borrow::Cow::Borrowed(""),
        };
        let mut keys = Vec::new();
        issue.visit(|key, _| keys.push(serde_json::Value::from(key)));
        shapes.insert(issue.code.name().to_owned(), serde_json::Value::Array(keys));
    }
    serde_json::Value::Object(shapes).to_string()
}

/// `NegInfinity` as `NEG_INFINITY`, `NaN` as `NAN`: an underscore where a word starts inside a name.
#[cfg(feature = "std")]
fn screaming(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let starts_word = i > 0
            && c.is_uppercase()
            && chars[i - 1].is_lowercase()
            && chars.get(i + 1).is_some_and(|n| n.is_lowercase());
        if starts_word {
            out.push('_');
        }
        out.extend(c.to_uppercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A token value, as far as a layout test looks at it.
    #[derive(Debug)]
    enum Tree {
        Array(Vec<Tree>),
        Str,
        Number,
        Bool,
    }

    fn tree(tokens: &[u32], at: &mut usize) -> Tree {
        let head = tokens[*at];
        *at += 1;
        match head {
            token::ARRAY => {
                let n = tokens[*at];
                *at += 1;
                Tree::Array((0..n).map(|_| tree(tokens, at)).collect())
            }
            token::STATIC_STR | token::STR => {
                *at += 2;
                Tree::Str
            }
            token::NUMBER => {
                *at += 1;
                Tree::Number
            }
            token::TRUE | token::FALSE => Tree::Bool,
            other => panic!("a token no table holds: {other}"),
        }
    }

    /// Where rules across fields read a value, the glue sends what the field's own rule needs and
    /// a string's text besides: never less (a lost class name would change an `invalid_type`
    /// message).
    #[test]
    fn a_refined_field_is_sent_at_least_what_its_rule_needs() {
        use crate::rules::length::LengthLimits;
        use crate::rules::schema::StringRule;
        let mut rules = vec![
            Rule::Unknown,
            Rule::JsonObject,
            Rule::Enum {
                values: &["a"],
                message: "",
            },
        ];
        for format in [None, Some(Format::Datetime), Some(Format::IpOrEmpty)] {
            for min in [None, Some((0, None)), Some((1, None)), Some((2, None))] {
                for max in [None, Some(3)] {
                    rules.push(Rule::String(StringRule {
                        limits: LengthLimits { min, max },
                        format,
                        message: None,
                    }));
                }
            }
        }
        for rule in rules {
            let (alone, _) = needs(&rule, false);
            let (refined, _) = needs(&rule, true);
            for (what, sends) in [
                ("text", Needs::sends_text as fn(Needs) -> bool),
                ("length", Needs::sends_length),
                ("type name", Needs::sends_type_name),
                ("inside", Needs::reads_inside),
            ] {
                assert!(
                    sends(refined) || !sends(alone),
                    "{rule:?}: refined, no {what}"
                );
            }
            if let Rule::String(_) = rule {
                assert!(
                    refined.sends_text(),
                    "{rule:?}: a refinement reads the text"
                );
            }
        }
    }

    /// The tables the module writes have the layouts declared above (and generated for the glue).
    #[test]
    fn schema_tables_are_laid_out_as_declared() {
        use crate::wasm::tokens::Tokens;
        let part = |list: &[Tree], at: u32| match list.get(at as usize) {
            Some(tree) => format!("{tree:?}"),
            None => "missing".to_owned(),
        };
        for id in 0..IN_MODULE.len() as u32 {
            let mut out = Tokens::default();
            crate::wasm::schema_fields(id, &mut out);
            let Tree::Array(table_parts) = tree(&out.tokens, &mut 0) else {
                panic!("schema {id}: not an array");
            };
            assert_eq!(table_parts.len(), table::ALL.len(), "schema {id}");
            assert_eq!(part(&table_parts, table::IS_OBJECT), "Bool");
            assert_eq!(part(&table_parts, table::REFINED), "Bool");
            let Some(Tree::Array(fields)) = table_parts.get(table::FIELDS as usize) else {
                panic!("schema {id}: no fields");
            };
            for entry in fields {
                let Tree::Array(entry) = entry else {
                    panic!("schema {id}: a field is not an array");
                };
                assert_eq!(entry.len(), field::ALL.len(), "schema {id}");
                assert_eq!(part(entry, field::NAME), "Str");
                assert_eq!(part(entry, field::NEEDS), "Number");
                assert_eq!(part(entry, field::NUMBER), "Number");
                let Some(Tree::Array(fast_check)) = entry.get(field::FAST as usize) else {
                    panic!("schema {id}: a field without its fast check");
                };
                assert_eq!(part(fast_check, check::KIND), "Number");
                assert_eq!(part(fast_check, check::OPTIONAL), "Bool");
                if fast_check.len() == 5 {
                    assert_eq!(part(fast_check, check::MIN_UNITS), "Number");
                    assert_eq!(part(fast_check, check::MAX_UNITS), "Number");
                    assert_eq!(part(fast_check, check::PATTERN), "Str");
                } else if fast_check.len() == 3 {
                    assert!(part(fast_check, check::VALUES).starts_with("Array"));
                } else {
                    assert_eq!(fast_check.len(), 2, "schema {id}");
                }
            }
        }
    }

    /// The NDJSON report the module writes has the layout declared above: a header, then one entry
    /// per line that is not valid, read here by the declared positions only.
    #[test]
    fn the_ndjson_report_is_laid_out_as_declared() {
        use crate::source::tape::Scanner;
        use crate::wasm::tokens::Tokens;
        let bytes = b"{}\n\n1\nnul\n\n";
        let (mut report, mut out) = (Vec::new(), Tokens::default());
        let length =
            crate::wasm::check_ndjson(0, bytes, &mut Scanner::default(), &mut report, &mut out);
        assert_eq!(length as usize, report.len());
        let at = |base: u32, slot: u32| report[(base + slot) as usize];
        // Five newlines: the last (empty) line is the sixth.
        assert_eq!(at(0, report::NEWLINES), 5);
        // `{}` and `1` settled (both invalid entries), `nul` (not JSON) left to `JSON.parse`.
        assert_eq!((at(0, report::TOTAL), at(0, report::VALID)), (2, 0));
        let entries: Vec<u32> = (report::LISTED..length)
            .step_by(listed::SLOTS as usize)
            .collect();
        assert_eq!(entries.len(), 3, "{report:?}");
        let kinds: Vec<(u32, u32)> = entries
            .iter()
            .map(|&e| (at(e, listed::NUMBER), at(e, listed::KIND)))
            .collect();
        assert_eq!(
            kinds,
            [(1, line::INVALID), (3, line::INVALID), (4, line::UNSURE)]
        );
        // An invalid line's issues: one token array, `TO` tokens long.
        let first = entries[0];
        let (from, count) = (at(first, listed::FROM), at(first, listed::TO));
        assert_eq!(out.tokens.get(from as usize), Some(&token::ARRAY));
        assert!(count > 2 && (from + count) as usize <= out.tokens.len());
        let unsure = entries[2];
        let line = &bytes[at(unsure, listed::FROM) as usize..at(unsure, listed::TO) as usize];
        assert_eq!(line, b"nul");
    }

    #[test]
    fn every_nested_schema_has_a_number() {
        for (name, root) in SCHEMAS {
            if let Root::Object(schema) = root {
                for field in schema.fields {
                    let (needs, sub) = needs(&field.rule, false);
                    if matches!(needs, Needs::Record | Needs::Array) {
                        assert!(super::schema(sub).is_some(), "{name}.{}", field.name);
                    }
                }
            }
        }
    }

    /// The fast check's bounds are in UTF-16 units and imply the rules' code point limits: a string
    /// of n units has from ceil(n / 2) to n code points.
    #[test]
    fn fast_string_checks_bound_units_by_code_point_limits() {
        use crate::rules::length::LengthLimits;
        use crate::rules::schema::StringRule;
        use crate::wasm::tokens::Tokens;
        let bounds = |min: Option<u32>, max: Option<u32>, refined: bool| {
            let rule = Rule::String(StringRule {
                limits: LengthLimits {
                    min: min.map(|min| (min, None)),
                    max,
                },
                ..StringRule::ANY
            });
            let mut out = Tokens::default();
            out.write(|writer| fast_check(writer, &rule, true, refined));
            out.tokens
        };
        let numbers = |tokens: &[u32]| [tokens[3], tokens[6], tokens[8]];
        // [ARRAY 5] [NUMBER kind] [TRUE] [NUMBER min_units] [NUMBER max_units] [STATIC_STR ..]
        assert_eq!(
            numbers(&bounds(Some(1), None, false)),
            [fast::STRING, 1, u32::MAX]
        );
        assert_eq!(
            numbers(&bounds(Some(3), Some(8), false)),
            [fast::STRING, 5, 8]
        );
        assert_eq!(
            numbers(&bounds(None, None, false)),
            [fast::STRING, 0, u32::MAX]
        );
        assert_eq!(numbers(&bounds(Some(u32::MAX), None, false))[1], u32::MAX);
        assert_eq!(bounds(Some(1), None, false)[4], token::TRUE);
        // In a schema with rules across fields: nothing, not even `undefined`.
        assert_eq!(
            bounds(Some(1), None, true)[..5],
            [token::ARRAY, 2, token::NUMBER, fast::NONE, token::FALSE]
        );
    }

    #[test]
    fn the_glue_has_the_current_protocol() {
        let committed = include_str!("../js/protocol.js");
        assert!(
            committed == js_module(),
            "src/js/protocol.js is not what src/wasm/protocol.rs declares: run `make pkg`, which writes it"
        );
    }

    #[test]
    fn only_the_platform_schemas_have_an_ip_address() {
        assert!(!has_ip_format(&OPEN_TYPES_SCHEMAS));
        assert!(has_ip_format(&SCHEMAS));
    }

    #[test]
    fn only_the_platform_schemas_have_an_array_or_a_json_object() {
        assert!(!has_array_or_json(&OPEN_TYPES_SCHEMAS));
        assert!(has_array_or_json(&SCHEMAS));
    }

    #[test]
    fn only_the_platform_schemas_have_rules_across_fields() {
        assert!(!has_refinement(&OPEN_TYPES_SCHEMAS));
        assert!(has_refinement(&SCHEMAS));
    }

    #[test]
    fn the_glue_has_the_current_json_schemas() {
        let committed = include_str!("../js/json-schemas.js");
        assert!(
            committed == json_schemas_module(),
            "src/js/json-schemas.js is not what src/json_schema.rs writes: run `make pkg`, which writes it"
        );
    }

    #[test]
    fn the_js_module_names_every_constant_once() {
        let js = js_module();
        for expected in [
            "export const KIND_NAN = 4;",
            "export const KIND_NEG_INFINITY = 6;",
            "export const KIND_OBJECT = 12;",
            "export const FLAG_TOO_DEEP = 1024;",
            "export const TOKEN_KEY = 8;",
            "export const LINE_UNSURE = 1;",
            "export const NEEDS_TEXT_AND_LENGTH = 4;",
            "export const SENDS_LENGTH = [false, false, true, false, true, false, true, false];",
            "export const MALFORMED = 4294967295;",
            "export const SCHEMA_IDS = { auditLogEntrySchema: 0, auditLogChangeSchema: 1, auditLogActionSchema: 2, platformRecordSchema: 3, platformResourceSchema: 4 };",
        ] {
            assert!(js.contains(expected), "{expected}\n{js}");
        }
        let names: Vec<&str> = js
            .lines()
            .filter_map(|l| l.strip_prefix("export const ")?.split(' ').next())
            .collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(
            names.len(),
            unique.len(),
            "a name is exported twice: {names:?}"
        );
    }
}
