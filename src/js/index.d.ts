// Types of auditlog-wasm. The data types (AuditLogEntry, PlatformRecord, the unions of actions, events,
// actor and resource types...) are generated from the Rust model by tsify; this file declares the
// schemas and helpers around them.
import type {
  PlatformRecord,
  AuditLogAction,
  PlatformActor,
  AuditLogChange,
  AuditLogEntry,
  PlatformEvent,
  PlatformResource,
  PlatformResourceType,
  JsonValue,
} from "./auditlog_wasm.js";

export type {
  PlatformRecord,
  AuditLogAction,
  PlatformActor,
  AuditLogChange,
  AuditLogEntry,
  PlatformEvent,
  PlatformResource,
  PlatformResourceType,
  JsonValue,
};

/** Where an issue is: schema keys, and record keys (a symbol key stays a symbol). */
export type IssuePath = PropertyKey[];

interface IssueBase {
  readonly path: IssuePath;
  readonly message: string;
}

/** The value has the wrong type. */
export interface InvalidTypeIssue extends IssueBase {
  readonly expected: "string" | "object" | "record" | "array" | "json";
  readonly code: "invalid_type";
}

/** A string, an array (or a value with a `length`) is too long, or JSON nests too deep. */
export interface TooBigIssue extends IssueBase {
  readonly origin: "string" | "array" | "unknown" | "json";
  readonly code: "too_big";
  readonly maximum: number;
  readonly inclusive: boolean;
}

/** A string (or a value with a `length`) is too short. */
export interface TooSmallIssue extends IssueBase {
  readonly origin: "string" | "array" | "unknown";
  readonly code: "too_small";
  readonly minimum: number;
  readonly inclusive: boolean;
}

/** The value is not one of the allowed values. */
export interface InvalidValueIssue extends IssueBase {
  readonly code: "invalid_value";
  readonly values: string[];
}

/** A string does not have the required format. */
export interface InvalidFormatIssue extends IssueBase {
  readonly origin: "string";
  readonly code: "invalid_format";
  /** `"datetime"` (with Zod's `pattern`) or `"ip"` (no pattern). */
  readonly format: string;
  readonly pattern?: string;
}

/** A platform record's event acts on a resource type the record does not name. */
export interface MissingResourceIssue extends IssueBase {
  readonly code: "missing_resource";
  readonly event: PlatformEvent;
  readonly expected: PlatformResourceType;
}

/** Another resource of the record, at index `first`, has the same id. */
export interface DuplicateResourceIdIssue extends IssueBase {
  readonly code: "duplicate_resource_id";
  readonly first: number;
}

/** A record key is not a string; `issues` says why. */
export interface InvalidKeyIssue extends IssueBase {
  readonly code: "invalid_key";
  readonly origin: "record";
  readonly issues: AuditLogIssue[];
}

/**
 * Text that is not JSON: a line of NDJSON (or not UTF-8) in `validateNdjson`, or a request body a
 * service could not parse (`AuditLogError.fromProblem`). Never reported by `safeParse`.
 */
export interface InvalidJsonIssue extends IssueBase {
  readonly code: "invalid_json";
}

/**
 * In `validateMany`, `validateNdjson` and `validateNdjsonStream` only: checking the item threw
 * (where `safeParse` throws, as Zod's does: a getter that throws, an object whose `toString` is not
 * a function). `message` is the exception's; the other items' verdicts are unaffected.
 */
export interface CheckThrewIssue extends IssueBase {
  readonly code: "check_threw";
}

/** Reported only where the package itself is wrong: the rules accepted what the model cannot hold. */
export interface CustomIssue extends IssueBase {
  readonly code: "custom";
}

/** One reason an input was rejected, shaped exactly like a Zod 4 issue. */
export type AuditLogIssue =
  | InvalidTypeIssue
  | TooSmallIssue
  | TooBigIssue
  | CheckThrewIssue
  | MissingResourceIssue
  | DuplicateResourceIdIssue
  | InvalidValueIssue
  | InvalidFormatIssue
  | InvalidKeyIssue
  | InvalidJsonIssue
  | CustomIssue;

/** Thrown by `parse`, returned by `safeParse`. Its `name` is `"ZodError"`, as Zod's is. */
export declare class AuditLogError extends Error {
  constructor(issues: AuditLogIssue[]);
  readonly issues: AuditLogIssue[];
  /**
   * The error a service's problem details describe (RFC 9457, as the Rust crate's axum extractor
   * answers): its issues are the ones `safeParse` gives for the same JSON, so the same views put
   * them on the same fields. A problem without issues (413, 415, 500...) becomes one root `custom`
   * issue with its `detail`. Throws a TypeError for anything that is not problem details.
   */
  static fromProblem(problem: ProblemDetails): AuditLogError;
  /**
   * `null` for a successful response; otherwise the error it carries (`fromProblem` of its body),
   * or one root `custom` issue naming its status when it has no problem details. Reads the body of
   * an unsuccessful response.
   */
  static fromResponse(response: Response): Promise<AuditLogError | null>;
  /** Same as `flattenError(this, mapper)`. */
  flatten<U = string>(mapper?: (issue: AuditLogIssue) => U): FlattenedError<U>;
  /** Same as `formatError(this, mapper)`. */
  format<U = string>(mapper?: (issue: AuditLogIssue) => U): FormattedError<U>;
  readonly isEmpty: boolean;
  addIssue(issue: AuditLogIssue): void;
  addIssues(issues?: AuditLogIssue[]): void;
}

/** RFC 9457 problem details, as the Rust crate's axum extractor (`auditlog::axum`) answers. */
export interface ProblemDetails {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  /** Present where the body was judged: the issues `safeParse` gives for the same JSON. */
  readonly issues?: ReadonlyArray<AuditLogIssue>;
}

/** What the error helpers read: any error with Zod-shaped issues, Zod's own included. */
export interface IssuesCarrier {
  readonly issues: ReadonlyArray<AuditLogIssue>;
}

export interface FlattenedError<U = string> {
  formErrors: U[];
  fieldErrors: { [field: string]: U[] | undefined };
}

export interface ErrorTree<U = string> {
  errors: U[];
  properties?: { [key: string]: ErrorTree<U> };
  items?: ErrorTree<U>[];
}

export type FormattedError<U = string> = { _errors: U[] } & { [key: string]: FormattedError<U> | U[] };

/** Zod's `z.flattenError`: messages at the root (`formErrors`) and per top-level field. */
export declare function flattenError<U = string>(error: IssuesCarrier, mapper?: (issue: AuditLogIssue) => U): FlattenedError<U>;
/** Zod's `z.treeifyError`: a tree shaped like the input, for nested forms. */
export declare function treeifyError<U = string>(error: IssuesCarrier, mapper?: (issue: AuditLogIssue) => U): ErrorTree<U>;
/** Zod's `z.prettifyError`: `✖ message` / `  → at path` lines, shortest paths first. */
export declare function prettifyError(error: IssuesCarrier): string;
/** Zod's `z.formatError` (deprecated there in favour of treeifyError). */
export declare function formatError<U = string>(error: IssuesCarrier, mapper?: (issue: AuditLogIssue) => U): FormattedError<U>;

export type SafeParseResult<T> =
  | { readonly success: true; readonly data: T; readonly error?: never }
  | { readonly success: false; readonly error: AuditLogError; readonly data?: never };

/** The Standard Schema v1 interface (https://standardschema.dev), which form and RPC libraries accept. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  type Result<Output> = SuccessResult<Output> | FailureResult;
  interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  interface PathSegment {
    readonly key: PropertyKey;
  }
  interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
}

/** The Standard JSON Schema interface (`@standard-schema/spec` 1.1), which tools read JSON Schema through. */
export interface StandardJSONSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardJSONSchemaV1.Props<Input, Output>;
}

export declare namespace StandardJSONSchemaV1 {
  interface Props<Input = unknown, Output = Input> extends StandardSchemaV1.Props<Input, Output> {
    /** Methods for generating the input and output JSON Schema. */
    readonly jsonSchema: Converter;
  }
  interface Converter {
    /** The JSON Schema of what the schema accepts. */
    readonly input: (options: Options) => JSONSchema;
    /** The JSON Schema of what parsing returns (no unknown keys). */
    readonly output: (options: Options) => JSONSchema;
  }
  /** Zod's targets; any other name gives a schema without `$schema`, as Zod's does. */
  type Target = "draft-2020-12" | "draft-07" | "openapi-3.0" | ({} & string);
  interface Options {
    readonly target: Target;
    /** Zod's `toJSONSchema` parameters (see JSONSchemaParams); `target` and the io mode come from the call. */
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
}

/** A JSON Schema document, as Zod's `z.toJSONSchema` returns it. */
export type JSONSchema = Record<string, unknown>;

/** The parameters of Zod's `z.toJSONSchema` that this package takes. */
export interface JSONSchemaParams {
  /** `"draft-2020-12"` (the default), `"draft-07"`, `"draft-04"` or `"openapi-3.0"`. */
  readonly target?: StandardJSONSchemaV1.Target | "draft-04" | undefined;
  /** `"output"` (the default: no unknown keys) or `"input"` (what the schema accepts). */
  readonly io?: "input" | "output" | undefined;
  /** Zod's options that change nothing for these schemas (nothing unrepresentable, no cycles, nothing reused). */
  readonly unrepresentable?: "throw" | "any" | undefined;
  readonly cycles?: "ref" | "throw" | undefined;
  readonly reused?: "ref" | "inline" | undefined;
  /** Not taken: the package has no Zod schemas to hand it. */
  readonly override?: never;
}

/** Zod's `z.toJSONSchema`, for this package's schemas: their JSON Schema, as Zod 4.6.7 writes it (what browsers call: see `Schema.toJSONSchema`). */
export declare function toJSONSchema(schema: Schema<unknown>, params?: JSONSchemaParams): JSONSchema;



/** What `validateMany` and `validateNdjson` report. */
export interface BatchResult<Where> {
  readonly total: number;
  readonly valid: number;
  readonly invalid: number;
  readonly lines: ReadonlyArray<Where & { readonly issues: ReadonlyArray<AuditLogIssue> }>;
}

/** A schema: a drop-in for the Zod schema of the same name. */
export interface Schema<T> extends StandardJSONSchemaV1<unknown, T> {
  /** Returns the validated data (unknown keys dropped) or throws an AuditLogError. */
  parse(input: unknown): T;
  /** Returns `{ success: true, data }` or `{ success: false, error }`; never throws for bad data. */
  safeParse(input: unknown): SafeParseResult<T>;
  /** `parse`, as a promise (for code written against Zod's async API). */
  parseAsync(input: unknown): Promise<T>;
  /** `safeParse`, as a promise. */
  safeParseAsync(input: unknown): Promise<SafeParseResult<T>>;
  /** Alias of `safeParseAsync`, as in Zod. */
  spa(input: unknown): Promise<SafeParseResult<T>>;
  /**
   * Validates many values at once: counts, and the issues of each invalid one by index (on the
   * server entries built when a line's `issues` is first read, as a failed `safeParse`'s `error`
   * is; in browsers at once). A value whose check
   * throws gets one `check_threw` issue; the others are judged as ever.
   *
   * This method and the next two work on the schemas of the server entries (Node, Deno, Bun,
   * Workers, edge runtimes) and of `auditlog-wasm/log`. On those of the browser entry (the
   * `browser` condition), where a page that never batches should not download them, they throw a
   * TypeError that says so: there, call the functions of the same names (`validateMany(schema,
   * values)`), which every entry exports.
   */
  validateMany(values: readonly unknown[]): BatchResult<{ readonly index: number }>;
  /**
   * Validates NDJSON (one JSON value a line; UTF-8 bytes or text): counts, and the issues of each
   * invalid line by 1-based line number. Empty lines are skipped; a line that is not JSON has one
   * `invalid_json` issue, a line whose check throws one `check_threw` issue. Each line's `issues`
   * is a plain array of its own, built with the report.
   */
  validateNdjson(input: string | Uint8Array | ArrayBuffer): BatchResult<{ readonly line: number }>;
  /**
   * `validateNdjson` over a stream of any size: a web `ReadableStream`, a Node stream (such as
   * `fs.createReadStream(path)`) or an async iterable of chunks (bytes, or text as UTF-8). Resolves
   * to the report `validateNdjson` gives for the whole text, holding in memory one chunk and the
   * longest line, plus `batchBytes` and the report's invalid lines. Rejects if the stream fails.
   * With `workers`, the same report, checked on worker threads, with up to four pieces (at most
   * 1 MiB each by default, about `batchBytes` where it is given) per worker in memory besides (two
   * sent to it, and answered ones waiting behind a slower piece).
   */
  validateNdjsonStream(
    source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | ArrayBuffer | ArrayBufferView | string> | Iterable<Uint8Array | ArrayBuffer | ArrayBufferView | string>,
    options?: {
      readonly onProgress?: (progress: { readonly bytes: number; readonly lines: number }) => void;
      /**
       * How many bytes are gathered before they are checked: 64 KiB by default (more stalls a
       * source that reads ahead one chunk, such as a Node file stream). With `workers`, also the
       * size of the pieces sent to them; by default a piece goes once 64 KiB is there, and what is
       * larger than 1 MiB is cut.
       */
      readonly batchBytes?: number;
      /**
       * How many worker threads check the stream, in pieces cut at line ends (see `batchBytes`)
       * (Node, Deno and Bun; `os.availableParallelism()` uses every core, and more than that are
       * not started): the same report as on one thread. 0 or absent: the calling thread checks.
       * Where no worker can start, and in browsers, Workers and edge runtimes, the calling thread
       * checks. Progress counts a piece's lines once its report is back.
       */
      readonly workers?: number;
    },
  ): Promise<BatchResult<{ readonly line: number }>>;
  /**
   * The schema's JSON Schema, as Zod's `schema.toJSONSchema(params)`.
   *
   * This method and `~standard.jsonSchema` are there on the schemas of every entry but one, and of
   * `auditlog-wasm/log`. The browser entry's schemas (`import` under the `browser` condition) carry
   * no JSON Schema, as zod/mini's do not, so that a form's page does not download it: there this
   * method throws a TypeError that says so, `~standard` has no `jsonSchema`, and the function
   * `toJSONSchema(schema, params)` from "auditlog-wasm" gives the same documents.
   */
  toJSONSchema(params?: JSONSchemaParams): JSONSchema;
  readonly "~standard": StandardJSONSchemaV1.Props<unknown, T> & {
    readonly validate: (value: unknown) => StandardSchemaV1.SuccessResult<T> | { readonly issues: AuditLogIssue[] } | Promise<never>;
  };
}

/** `schema.validateMany(values)`, as a function: what browsers call (see `Schema.validateMany`). */
export declare function validateMany<T>(schema: Schema<T>, values: readonly unknown[]): BatchResult<{ readonly index: number }>;
/** `schema.validateNdjson(input)`, as a function: what browsers call. */
export declare function validateNdjson<T>(schema: Schema<T>, input: string | Uint8Array | ArrayBuffer): BatchResult<{ readonly line: number }>;
/** `schema.validateNdjsonStream(source, options)`, as a function: what browsers call. */
export declare function validateNdjsonStream<T>(
  schema: Schema<T>,
  source: Parameters<Schema<T>["validateNdjsonStream"]>[0],
  options?: Parameters<Schema<T>["validateNdjsonStream"]>[1],
): Promise<BatchResult<{ readonly line: number }>>;

/** `z.enum(["create", "read", "update", "delete"])` */
export declare const auditLogActionSchema: Schema<AuditLogAction>;
/** `z.object({ old: z.unknown().optional(), new: z.unknown().optional() })` */
export declare const auditLogChangeSchema: Schema<AuditLogChange>;
/** The open-types `auditLogEntrySchema`. */
export declare const auditLogEntrySchema: Schema<AuditLogEntry>;
/** The platform's audit-log record: field rules, then the rules across fields (see the README). */
export declare const platformRecordSchema: Schema<PlatformRecord>;
/** One resource of a platform record. */
export declare const platformResourceSchema: Schema<PlatformResource>;

/** The four actions, in schema order. */
export declare const auditLogActions: readonly AuditLogAction[];
/** The platform's 42 events, in the Go package's order (for pickers in UIs). */
export declare const platformEvents: readonly PlatformEvent[];
/** `rootkey`, `user`, `system`. */
export declare const platformActorTypes: readonly PlatformActor[];
/** The platform's 13 resource types, in the Go package's order. */
export declare const platformResourceTypes: readonly PlatformResourceType[];
