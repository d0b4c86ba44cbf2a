//! Standalone page entry point: mounts the app into `<div id="nianbao">` (or `<body>`).
fn main() {
    nianbao_app::mount_to_id(nianbao_app::MOUNT_ID);
}
