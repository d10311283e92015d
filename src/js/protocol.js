// Generated from src/wasm/protocol.rs by `make pkg` (cargo run --example js_protocol): what
// crosses between the glue and the wasm module. Change the Rust declarations, not this file.

// Value kinds (the low 4 bits of a fact's tag).
export const KIND_UNDEFINED = 0;
export const KIND_NULL = 1;
export const KIND_BOOLEAN = 2;
export const KIND_NUMBER = 3;
export const KIND_NAN = 4;
export const KIND_INFINITY = 5;
export const KIND_NEG_INFINITY = 6;
export const KIND_BIG_INT = 7;
export const KIND_SYMBOL = 8;
export const KIND_FUNCTION = 9;
export const KIND_STRING = 10;
export const KIND_ARRAY = 11;
export const KIND_OBJECT = 12;

// Flags of a fact's tag.
export const FLAG_HAS_LENGTH = 32;
export const FLAG_PLAIN = 64;
export const FLAG_NAMED = 128;
export const FLAG_HAS_TEXT = 256;
export const FLAG_CYCLE = 512;
export const FLAG_TOO_DEEP = 1024;
export const FLAG_VERIFIED = 2048;

// Kinds of record keys.
export const KEY_STRING = 0;
export const KEY_PROTO = 1;
export const KEY_SYMBOL = 2;

// Tokens of an answer.
export const TOKEN_ARRAY = 1;
export const TOKEN_OBJECT = 2;
export const TOKEN_STATIC_STR = 3;
export const TOKEN_STR = 4;
export const TOKEN_NUMBER = 5;
export const TOKEN_TRUE = 6;
export const TOKEN_FALSE = 7;
export const TOKEN_KEY = 8;

// What an NDJSON report says of a listed line.
export const LINE_INVALID = 0;
export const LINE_UNSURE = 1;

// Where the parts of the NDJSON report's header are.
export const REPORT_NEWLINES = 0;
export const REPORT_TOTAL = 1;
export const REPORT_VALID = 2;
export const REPORT_LISTED = 3;

// Where the parts of a listed line's entry are.
export const LISTED_NUMBER = 0;
export const LISTED_KIND = 1;
export const LISTED_FROM = 2;
export const LISTED_TO = 3;
export const LISTED_SLOTS = 4;

// What the glue reads for a field.
export const NEEDS_NOTHING = 0;
export const NEEDS_KIND = 1;
export const NEEDS_LENGTH = 2;
export const NEEDS_TEXT = 3;
export const NEEDS_TEXT_AND_LENGTH = 4;
export const NEEDS_RECORD = 5;
export const NEEDS_ARRAY = 6;
export const NEEDS_JSON = 7;

// Checks the glue runs itself.
export const FAST_NONE = 0;
export const FAST_ANY = 1;
export const FAST_STRING = 2;
export const FAST_ONE_OF = 3;

// The numbers of a fact's value record.
export const RECORD_SLOTS = 4;

// Where the parts of a schema's table are.
export const TABLE_IS_OBJECT = 0;
export const TABLE_FIELDS = 1;
export const TABLE_REFINED = 2;

// Where the parts of a field's entry are.
export const FIELD_NAME = 0;
export const FIELD_NEEDS = 1;
export const FIELD_NUMBER = 2;
export const FIELD_FAST = 3;

// Where the parts of a fast check are.
export const CHECK_KIND = 0;
export const CHECK_OPTIONAL = 1;
export const CHECK_MIN_UNITS = 2;
export const CHECK_MAX_UNITS = 3;
export const CHECK_PATTERN = 4;
export const CHECK_VALUES = 2;

// How a log call ends.
export const LOG_OK = 0;
export const LOG_FAILED = 1;

// Where the parts of a log call's answer are (bytes).
export const LOG_ANSWER_HASH_BYTES = 32;
export const LOG_ANSWER_CHECKPOINT_ROOT = 0;
export const LOG_ANSWER_CHECKPOINT_SIZE = 32;
export const LOG_ANSWER_CHECKPOINT_ORIGIN = 40;
export const LOG_ANSWER_LEAVES_COUNT = 0;
export const LOG_ANSWER_LEAVES_INVALID = 4;
export const LOG_ANSWER_LEAVES_ROOT = 8;
export const LOG_ANSWER_LEAVES_HASHES = 40;
// By NEEDS_* number: whether the glue sends a string's text, a non-string's `length`, a
// class name, and whether it reads inside the value.
export const SENDS_TEXT = [false, false, false, true, true, false, false, false];
export const SENDS_LENGTH = [false, false, true, false, true, false, true, false];
export const SENDS_TYPE_NAME = [false, true, true, false, true, true, true, true];
export const READS_INSIDE = [false, false, false, false, false, true, true, true];

// Answered when the input cannot be read.
export const MALFORMED = 4294967295;
// The message of an `invalid_json` issue starts so (src/messages.rs).
export const INVALID_JSON_PREFIX = "Invalid JSON: ";

// JSON Schema: the targets Zod knows, by name (any other name is TARGET_OTHER), and the io modes.
export const JSON_SCHEMA_TARGETS = { "draft-2020-12": 0, "draft-07": 1, "draft-7": 1, "draft-04": 2, "draft-4": 2, "openapi-3.0": 3 };
export const TARGET_OTHER = 4;
export const IO_INPUT = 0;
export const IO_OUTPUT = 1;

// The schemas and the name lists, by the numbers the module knows them by.
export const SCHEMA_IDS = { auditLogEntrySchema: 0, auditLogChangeSchema: 1, auditLogActionSchema: 2, platformRecordSchema: 3, platformResourceSchema: 4 };
export const NAME_LIST_IDS = { auditLogActions: 0, platformEvents: 1, platformActorTypes: 2, platformResourceTypes: 3 };
