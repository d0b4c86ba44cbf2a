//! nianbao core: the report model, the two official templates, importers, rules and exporters.
//! No web dependency: everything here builds and tests natively.
