//! Where the rules read an input from: [`Source`], and its three implementations, one per front end.
//!
//! - [`json`]: a `serde_json::Value` (the Rust API);
//! - [`facts`]: the facts the JS glue wrote about a JavaScript value (the npm package);
//! - [`tape`]: a line of NDJSON scanned where it lies in memory (the package's `validateNdjson`).
//!
//! The rules pull what they need, in schema order, and read each part once: nothing is copied into
//! a tree first, so a valid input costs no allocation.

pub mod facts;
#[cfg(feature = "std")]
pub mod json;
// Not in the browser's no_std modules, which take no NDJSON.
#[cfg(ndjson)]
pub mod tape;

use crate::value::{KeyKind, KeyRef, Value};

/// Why a source could not be read to the end; the check stops there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// The facts the JS glue wrote do not describe a value (a bug in the glue, reported, never a
    /// panic).
    MalformedFacts,
    /// The NDJSON line holds something whose meaning `JSON.parse` decides (duplicate or array-index
    /// keys in a record): the line is left to the glue's `JSON.parse` path.
    LeftToJavaScript,
}

/// What a read returns: nothing, or why the source could not be read.
pub type Read = Result<(), Unreadable>;

/// The most fields an object schema has (the platform record's 10, with room): sources and rules
/// keep what they read of an object's fields in arrays of this size, on the stack.
pub const MAX_FIELDS: usize = 12;

/// The names of an object schema's fields, in schema order: what a source needs to find them.
pub trait FieldNames {
    /// How many fields the schema has (at most [`MAX_FIELDS`]).
    fn count(&self) -> usize;
    /// The name of the field at `index`.
    fn name(&self, index: usize) -> Option<&'static str>;
}

/// A value the rules read, and what is inside it.
///
/// A source only walks inside a value when the rules ask, and they ask exactly where a front end
/// provides something: an object's fields when it is an object, a record's entries when it is a
/// plain object, an array's items, a JSON value's children.
pub trait Source<'a> {
    /// The value at hand.
    fn value(&self) -> Value<'a>;
    /// For JSON: the value is one of its own ancestors (`JSON.stringify` would throw).
    fn cycle(&self) -> bool {
        false
    }
    /// For JSON: the front end stopped reading here (it nests deeper than the rules allow).
    fn too_deep(&self) -> bool {
        false
    }
    /// The front end found the value valid with the field's fast check (`protocol::fast`): the rules
    /// skip it, and nothing inside it can be read.
    fn verified(&self) -> bool {
        false
    }
    /// An object's fields, in the schema's order: `visit(index, field)` for each.
    fn fields(
        &mut self,
        names: &dyn FieldNames,
        visit: &mut dyn FnMut(usize, &mut dyn Source<'a>) -> Read,
    ) -> Read;
    /// A plain object's own enumerable keys in JavaScript's order, each with its value.
    fn entries(
        &mut self,
        visit: &mut dyn FnMut(KeyKind, KeyRef<'a>, &mut dyn Source<'a>) -> Read,
    ) -> Read;
    /// An array's items, in order.
    fn items(&mut self, visit: &mut dyn FnMut(u32, &mut dyn Source<'a>) -> Read) -> Read;
}
