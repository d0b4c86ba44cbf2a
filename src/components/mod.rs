//! One component per file. `App` (in `lib.rs`) provides the context; these read it.

pub mod findings;
pub mod input;
pub mod report_view;
pub mod table_view;
pub mod verdict;
