//! The allocator's settings for a short-lived command-line process.
//!
//! The binary allocates with mimalloc. By default mimalloc gives memory it no longer uses back
//! to the operating system 10 ms after it is freed (`madvise`), and the pages are faulted in
//! and zeroed again when they are used next. A run lasts a second or two and its peak is what
//! matters, so freed memory is kept until the process exits: `check` at 100,000 positions makes
//! 250 minor page faults instead of about 1,000 and one `madvise` call instead of 47. The
//! huge-page faults, where most of the zeroing is, stay the same, so the saving is small; the
//! cost is a higher peak RSS where memory is freed and allocated again on another thread
//! (`events` at 200,000 positions, when it still collected every row before writing: 276 MB
//! instead of 256 MB).

use libmimalloc_sys::{mi_option_set_default, mi_option_t};

/// `mi_option_purge_delay` in the `mi_option_e` enum of the mimalloc bundled by
/// `libmimalloc-sys` (which names only some options); `-1` means never purge.
const PURGE_DELAY: mi_option_t = 15;

/// Keep freed memory in the process instead of giving it back to the operating system.
/// `MIMALLOC_PURGE_DELAY` in the environment still wins. Call it first thing in `main`.
pub fn keep_freed_memory() {
    // SAFETY: sets a plain integer option, before any other thread exists.
    unsafe { mi_option_set_default(PURGE_DELAY, -1) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use libmimalloc_sys::mi_option_get;

    #[test]
    fn purge_delay_is_the_option_set() {
        // The defaults around it pin the enum's layout: `eager_commit_delay` (14) is 1 and
        // `os_tag` (18) is 100; `purge_delay` (15) is 10 ms unless the environment sets it.
        // SAFETY: reads and sets plain integer options.
        unsafe {
            assert_eq!(mi_option_get(14), 1);
            assert_eq!(mi_option_get(18), 100);
            let from_env = std::env::var("MIMALLOC_PURGE_DELAY").ok();
            let before = mi_option_get(PURGE_DELAY);
            keep_freed_memory();
            match from_env.and_then(|v| v.parse::<std::ffi::c_long>().ok()) {
                // The environment wins.
                Some(v) => assert_eq!(mi_option_get(PURGE_DELAY), v),
                None => {
                    assert_eq!(before, 10);
                    assert_eq!(mi_option_get(PURGE_DELAY), -1);
                }
            }
        }
    }
}
