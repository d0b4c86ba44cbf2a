//! One component per file. `App` (in `lib.rs`) provides the context; these read it.

pub mod cell_tip;
pub mod charts;
pub mod downloads;
pub mod findings;
pub mod harness;
pub mod input;
pub mod previous;
pub mod report_view;
pub mod rules_ref;
pub mod table_view;
pub mod verdict;
