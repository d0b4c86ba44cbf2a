pub mod charts;
pub mod downloads;
pub mod rules_ref;
