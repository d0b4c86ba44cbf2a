pub mod charts;
pub mod downloads;
pub mod harness;
pub mod rules_ref;
