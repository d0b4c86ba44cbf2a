//! Exporters: a report (and its findings) → bytes of a file format. Writing the file is the
//! caller's job.
