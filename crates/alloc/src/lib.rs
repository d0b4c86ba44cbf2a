//! The global allocator of the native builds (the CLI, the core's benchmarks and profiling
//! driver): mimalloc. Import and check allocate many small strings and vectors, and batch runs
//! check thousands of reports. The wasm modules keep Rust's default allocator.
//!
//! The `mimalloc` crate's allocator calls mimalloc's `_aligned` entry points for every
//! allocation; for the alignments the system allocator guarantees anyway (up to 16 bytes on
//! the 64-bit targets, when the size is at least the alignment) the plain `mi_malloc`/`mi_realloc` do the same job with fewer steps
//! (about 1.5 % of an import + check of a report, measured with callgrind).

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// The alignment of a `mi_malloc` block of at least this many bytes (mimalloc's
/// `MI_MAX_ALIGN_SIZE`; smaller blocks are aligned to their size rounded up to 8).
const PLAIN_ALIGN: usize = 16;

/// Whether a plain block of `size` bytes has the alignment `align` (the test of Rust's own
/// `System` allocator: at most `PLAIN_ALIGN`, and not more than the size).
fn plain(align: usize, size: usize) -> bool {
    align <= PLAIN_ALIGN && align <= size
}

/// mimalloc as the global allocator: `#[global_allocator] static A: MiMalloc = MiMalloc;`.
pub struct MiMalloc;

// SAFETY: every block comes from mimalloc with at least the layout's alignment (see `plain`;
// other layouts use the aligned entry points) and is freed or resized by
// mimalloc, which accepts blocks from either kind of entry point.
unsafe impl GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: mimalloc's allocation functions accept any size.
        unsafe {
            if plain(layout.align(), layout.size()) {
                mi::mi_malloc(layout.size()).cast()
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        unsafe {
            if plain(layout.align(), layout.size()) {
                mi::mi_zalloc(layout.size()).cast()
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` was allocated by this allocator (the caller's contract).
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` was allocated by this allocator with `layout` (the caller's contract).
        unsafe {
            if plain(layout.align(), new_size) {
                mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_have_their_alignment_and_keep_their_bytes() {
        for align in [1, 2, 8, 16, 32, 64, 4096] {
            for size in [1, 7, 16, 100, 5000] {
                let Ok(layout) = Layout::from_size_align(size, align) else {
                    continue;
                };
                // SAFETY: the layouts have non-zero sizes; each block is used within its size
                // and freed once, with the layout it was allocated with.
                unsafe {
                    let p = MiMalloc.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0);
                    std::ptr::write_bytes(p, 0xAB, size);
                    let q = MiMalloc.realloc(p, layout, size * 3);
                    assert_eq!(q as usize % align, 0, "realloc {size} {align}");
                    assert!((0..size).all(|i| *q.add(i) == 0xAB));
                    MiMalloc.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                    let z = MiMalloc.alloc_zeroed(layout);
                    assert!((0..size).all(|i| *z.add(i) == 0));
                    MiMalloc.dealloc(z, layout);
                }
            }
        }
    }
}
