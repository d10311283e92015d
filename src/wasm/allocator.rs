//! The browser modules' allocator: blocks of power-of-two sizes, taken from the end of wasm memory
//! as it grows, and for each size a list of the blocks freed, which the next allocations of that
//! size take first. Every operation is a few steps; a block is never split or merged.
//!
//! Hand-written rather than a crate, for size: each browser module is about 1.1 KB smaller
//! (nearly 500 B gzip) than with talc, which the server module keeps, and every page downloads one
//! of them. The price of never splitting or merging is that the memory held is the most each size
//! was ever in use at once (the bytes skipped to align a block become free blocks too): a page's
//! calls need the same few sizes, call after call, so it stays flat (tests/js/memory.test.mjs
//! checks both browser modules over 100,000 calls).

use core::alloc::Layout;

/// Wasm's page: memory grows by whole pages.
pub const PAGE: usize = 1 << 16;

/// Where blocks come from: more memory at its end.
pub trait Memory {
    /// Adds `pages` pages; the address of the first, or `None` when memory cannot grow.
    fn grow(&mut self, pages: usize) -> Option<usize>;
}

/// The smallest block: room for the link a freed block holds.
const MIN_BLOCK: usize = core::mem::size_of::<usize>();

/// The allocator's state: the lists of freed blocks by size class (a block of class `c` has
/// `1 << c` bytes), and the part of memory not yet handed out.
pub struct Blocks<M> {
    memory: M,
    /// The first freed block of each class (0: none); each freed block holds the next one's
    /// address.
    freed: [usize; usize::BITS as usize],
    /// Addresses `next..end` are memory grown but not yet handed out.
    next: usize,
    end: usize,
}

impl<M: Memory> Blocks<M> {
    pub const fn new(memory: M) -> Self {
        Blocks {
            memory,
            freed: [0; usize::BITS as usize],
            next: 0,
            end: 0,
        }
    }

    /// A block for `layout`, or null when memory cannot grow.
    ///
    /// # Safety
    /// The memory `M` gives must be this allocator's alone, readable and writable.
    pub unsafe fn allocate(&mut self, layout: Layout) -> *mut u8 {
        let Some(class) = class_of(layout) else {
            return core::ptr::null_mut();
        };
        let Some(&first) = self.freed.get(class) else {
            return core::ptr::null_mut();
        };
        if first != 0 {
            // SAFETY: `first` is a free block of this class: it holds the next one's address,
            // written by `push`.
            self.freed[class] = unsafe { (first as *const usize).read() };
            return first as *mut u8;
        }
        self.take(1 << class)
            .map_or(core::ptr::null_mut(), |at| at as *mut u8)
    }

    /// Gives back a block that `allocate` returned for `layout`.
    ///
    /// # Safety
    /// `block` must have come from `allocate` with the same `layout`, and not be freed yet.
    pub unsafe fn deallocate(&mut self, block: *mut u8, layout: Layout) {
        if let Some(class) = class_of(layout) {
            // SAFETY: the caller's block is of this class, and no longer in use.
            unsafe { self.push(block as usize, class) };
        }
    }

    /// Puts `block`, of class `class`, on that class's list of free blocks.
    ///
    /// # Safety
    /// `block` must be this allocator's memory, `1 << class` bytes aligned to that size up to a
    /// page, and in no one's use.
    unsafe fn push(&mut self, block: usize, class: usize) {
        if let Some(slot) = self.freed.get_mut(class) {
            // SAFETY: the block holds at least MIN_BLOCK bytes, aligned for a usize.
            unsafe { (block as *mut usize).write(*slot) };
            *slot = block;
        }
    }

    /// `block`, resized from `layout` to `size` bytes: the same block where both sizes are of one
    /// class, else a new one with the contents copied.
    ///
    /// # Safety
    /// As `deallocate`; `size` rounded up to `layout`'s alignment must not overflow `isize`.
    pub unsafe fn reallocate(&mut self, block: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        let Ok(new_layout) = Layout::from_size_align(size, layout.align()) else {
            return core::ptr::null_mut();
        };
        if class_of(new_layout) == class_of(layout) {
            return block;
        }
        // SAFETY: as this function's contract.
        let moved = unsafe { self.allocate(new_layout) };
        if !moved.is_null() {
            // SAFETY: both blocks hold at least the smaller size, and two live blocks never overlap.
            unsafe {
                core::ptr::copy_nonoverlapping(block, moved, layout.size().min(size));
                self.deallocate(block, layout);
            }
        }
        moved
    }

    /// `size` bytes (a power of two) never handed out before, aligned to their size up to a page.
    fn take(&mut self, size: usize) -> Option<usize> {
        let align = size.min(PAGE);
        loop {
            let start = self.next.checked_next_multiple_of(align)?;
            let stop = start.checked_add(size)?;
            if stop <= self.end {
                // The bytes skipped to align the block are free blocks for later.
                self.keep(self.next, start);
                self.next = stop;
                return Some(start);
            }
            let pages = (stop - self.end).div_ceil(PAGE);
            let first = self.memory.grow(pages)?;
            let end = first.checked_add(pages.checked_mul(PAGE)?)?;
            // Pages that do not follow ours (the first growth; memory grown by other code of the
            // module) start a new stretch, which the loop grows again if it is too short. What is
            // left of the old one is kept as free blocks.
            if first != self.end {
                self.keep(self.next, self.end);
                self.next = first;
            }
            self.end = end;
        }
    }

    /// Puts `from..to`, memory grown and never handed out, on the lists of free blocks, as the
    /// largest blocks their addresses' alignment allows. Both ends are multiples of MIN_BLOCK:
    /// stretches start on a page, and every block's size is one.
    fn keep(&mut self, mut from: usize, to: usize) {
        while from < to {
            let fits = 1 << (usize::BITS - 1 - (to - from).leading_zeros());
            let aligned_to = 1usize.checked_shl(from.trailing_zeros()).unwrap_or(PAGE);
            let size = fits.min(aligned_to).min(PAGE);
            // SAFETY: `from..from + size` is grown memory that was never handed out, aligned to
            // its size, which is a power of two of at least MIN_BLOCK.
            unsafe { self.push(from, size.trailing_zeros() as usize) };
            from += size;
        }
    }
}

/// The size class of `layout`: its size and alignment rounded up to a power of two (a block is
/// aligned to its size), at least MIN_BLOCK.
fn class_of(layout: Layout) -> Option<usize> {
    let size = layout.size().max(layout.align()).max(MIN_BLOCK);
    // An alignment above a page is more than blocks are given (no type of the crate asks for it).
    if layout.align() > PAGE {
        return None;
    }
    Some(size.checked_next_power_of_two()?.trailing_zeros() as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Memory for the tests: `pages` pages of one allocation, handed out in order, after the
    /// first `used` (memory that was there before the allocator's first growth). Before growth
    /// number `n` (from 0), `skips[n]` pages are passed over, as memory another user grew.
    struct Arena {
        base: *mut u8,
        pages: usize,
        used: usize,
        skips: Vec<usize>,
        /// What each growth gave: address ranges.
        granted: Vec<(usize, usize)>,
    }

    impl Arena {
        fn new(pages: usize, used: usize, skips: &[usize]) -> Self {
            let layout = Layout::from_size_align(pages * PAGE, PAGE).unwrap();
            // SAFETY: the layout has a non-zero size.
            let base = unsafe { std::alloc::alloc_zeroed(layout) };
            assert!(!base.is_null());
            let (skips, granted) = (skips.to_vec(), Vec::new());
            Arena {
                base,
                pages,
                used,
                skips,
                granted,
            }
        }

        /// Whether `block..block + size` lies in memory a growth gave.
        fn granted(&self, block: usize, size: usize) -> bool {
            let (start, end) = (block, block + size);
            self.granted
                .iter()
                .any(|&(from, to)| from <= start && end <= to)
        }
    }

    impl Drop for Arena {
        fn drop(&mut self) {
            let layout = Layout::from_size_align(self.pages * PAGE, PAGE).unwrap();
            // SAFETY: allocated in `new` with this layout; the blocks in it go with the allocator
            // that owns the arena.
            unsafe { std::alloc::dealloc(self.base, layout) };
        }
    }

    impl Memory for Arena {
        fn grow(&mut self, pages: usize) -> Option<usize> {
            let skip = self.skips.get(self.granted.len()).copied().unwrap_or(0);
            if self.used + skip + pages > self.pages {
                return None;
            }
            let first = self.base as usize + (self.used + skip) * PAGE;
            self.used += skip + pages;
            self.granted.push((first, first + pages * PAGE));
            Some(first)
        }
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    /// A fixed sequence of numbers (xorshift), the same on every run.
    struct Numbers(u64);
    impl Numbers {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    #[test]
    fn live_blocks_are_granted_aligned_apart_and_keep_their_bytes() {
        let seed = 0x9e37_79b9_7f4a_7c15;
        println!("seed {seed:#x}");
        let mut numbers = Numbers(seed);
        // Under Miri (`cargo +nightly miri test --lib wasm::allocator`), which checks each access
        // and is thousands of times slower: fewer steps, smaller blocks, a smaller arena.
        // Some growths do not follow the last (`skips`): the stretch left behind must not be
        // handed out past its end.
        let (steps, large, pages, skips): (u32, u64, usize, &[usize]) = if cfg!(miri) {
            (300, 5_000, 32, &[0, 1, 0, 1])
        } else {
            (20_000, 70_000, 512, &[0, 0, 1, 0, 2, 0, 0, 1])
        };
        let mut blocks = Blocks::new(Arena::new(pages, 1, skips));
        // Each live block: address, layout, and the byte it was filled with.
        let mut live: Vec<(usize, Layout, u8)> = Vec::new();
        for step in 0..steps {
            let choice = numbers.below(10);
            // Four in ten allocate, four free, two reallocate: the live set wanders, not grows.
            let (block, held, fill) = if choice < 4 || live.is_empty() {
                let size = 1 + numbers.below(if choice == 0 { large } else { 300 }) as usize;
                // Alignments up to a page.
                let wanted = layout(size, 1 << numbers.below(17));
                let block = unsafe { blocks.allocate(wanted) };
                assert!(!block.is_null(), "step {step}: out of memory");
                (block as usize, wanted, step as u8)
            } else {
                let (block, held, fill) =
                    live.swap_remove(numbers.below(live.len() as u64) as usize);
                let bytes = unsafe { core::slice::from_raw_parts(block as *const u8, held.size()) };
                assert!(
                    bytes.iter().all(|&b| b == fill),
                    "step {step}: a block's bytes changed"
                );
                if choice < 8 {
                    unsafe { blocks.deallocate(block as *mut u8, held) };
                    continue;
                }
                // Grown or shrunk: the bytes both sizes hold are kept.
                let size = 1 + numbers.below(2_000) as usize;
                let moved = unsafe { blocks.reallocate(block as *mut u8, held, size) };
                assert!(!moved.is_null(), "step {step}: out of memory");
                let kept = held.size().min(size);
                let bytes = unsafe { core::slice::from_raw_parts(moved, kept) };
                assert!(
                    bytes.iter().all(|&b| b == fill),
                    "step {step}: reallocate lost bytes"
                );
                (moved as usize, layout(size, held.align()), fill)
            };
            assert_eq!(block % held.align(), 0, "step {step}: misaligned");
            assert!(
                blocks.memory.granted(block, held.size()),
                "step {step}: not in grown memory"
            );
            unsafe { (block as *mut u8).write_bytes(fill, held.size()) };
            live.push((block, held, fill));
        }
        println!(
            "{} blocks live, {} pages used",
            live.len(),
            blocks.memory.used
        );
        assert!(
            blocks.memory.granted.len() > skips.len(),
            "every planned skip was taken"
        );
        live.sort_unstable_by_key(|&(block, ..)| block);
        for pair in live.windows(2) {
            assert!(
                pair[0].0 + pair[0].1.size() <= pair[1].0,
                "two live blocks overlap"
            );
        }
    }

    #[test]
    fn freed_blocks_are_taken_again_before_memory_grows() {
        let mut blocks = Blocks::new(Arena::new(64, 0, &[]));
        let sizes = [1, 8, 9, 100, 4_000, 65_536, 200_000];
        // The blocks of one round, sorted: 1 and 8 bytes are one class, and may swap blocks.
        let round = |blocks: &mut Blocks<Arena>| {
            let mut taken: Vec<_> = sizes
                .iter()
                .map(|&size| unsafe { blocks.allocate(layout(size, 8)) })
                .collect();
            for (&block, &size) in taken.iter().zip(&sizes) {
                assert!(!block.is_null());
                unsafe { blocks.deallocate(block, layout(size, 8)) };
            }
            taken.sort_unstable();
            taken
        };
        let first = round(&mut blocks);
        let used = blocks.memory.used;
        for _ in 0..100 {
            assert_eq!(round(&mut blocks), first, "not the blocks freed");
        }
        assert_eq!(
            blocks.memory.used, used,
            "memory grew although every block was freed"
        );
        // A size of a class not used yet is a block of its own.
        let other = unsafe { blocks.allocate(layout(17, 8)) };
        assert!(!first.contains(&other));
    }

    #[test]
    fn bytes_skipped_to_align_a_block_are_blocks_for_later() {
        let mut blocks = Blocks::new(Arena::new(4, 0, &[]));
        let small = unsafe { blocks.allocate(layout(8, 8)) } as usize;
        let page = unsafe { blocks.allocate(layout(4_096, 8)) } as usize;
        assert_eq!(page, small + 4_096, "aligned to its size");
        // The 4,088 bytes between them: a block of each size from 8 to 2,048.
        for size in [8, 16, 32, 64, 128, 256, 512, 1_024, 2_048] {
            let block = unsafe { blocks.allocate(layout(size, 8)) } as usize;
            assert!(
                small < block && block + size <= page,
                "{size}: not from the gap"
            );
        }
        assert_eq!(blocks.memory.used, 1);
    }

    #[test]
    fn out_of_memory_is_null_and_what_was_given_stays_the_callers() {
        let mut blocks = Blocks::new(Arena::new(4, 1, &[]));
        let small = unsafe { blocks.allocate(layout(64, 8)) };
        assert!(!small.is_null());
        unsafe { small.write_bytes(7, 64) };
        assert!(unsafe { blocks.allocate(layout(4 * PAGE, 8)) }.is_null());
        assert!(unsafe { blocks.allocate(layout(isize::MAX as usize / 2, 8)) }.is_null());
        assert!(unsafe { blocks.allocate(layout(8, 2 * PAGE)) }.is_null());
        let grown = unsafe { blocks.reallocate(small, layout(64, 8), 8 * PAGE) };
        assert!(grown.is_null());
        // The block is still the caller's: not handed out again, its bytes as they were.
        let another = unsafe { blocks.allocate(layout(64, 8)) };
        assert!(!another.is_null() && another != small);
        let bytes = unsafe { core::slice::from_raw_parts(small, 64) };
        assert!(bytes.iter().all(|&b| b == 7));
        // More blocks come from what is left.
        assert!(!unsafe { blocks.allocate(layout(PAGE, 8)) }.is_null());
    }

    #[test]
    fn a_stretch_that_does_not_follow_is_started_afresh_and_the_old_ones_rest_kept() {
        // One page skipped before the second growth.
        let arena = Arena::new(16, 3, &[0, 1]);
        let base = arena.base as usize;
        let mut blocks = Blocks::new(arena);
        // The first growth never follows (the allocator has no stretch yet).
        let small = unsafe { blocks.allocate(layout(64, 8)) } as usize;
        assert_eq!(small, base + 3 * PAGE);
        // Three pages round up to a block of four, in new pages after the skipped one.
        let large = unsafe { blocks.allocate(layout(3 * PAGE, 8)) } as usize;
        assert_eq!(large, base + 5 * PAGE);
        assert!(blocks.memory.granted(large, 4 * PAGE));
        // The rest of the first page is free blocks: half a page is its upper half.
        let half = unsafe { blocks.allocate(layout(PAGE / 2, 8)) } as usize;
        assert_eq!(half, small + PAGE / 2);
        // The next block follows the large one, in pages grown after them.
        let next = unsafe { blocks.allocate(layout(PAGE, 8)) } as usize;
        assert_eq!(next, large + 4 * PAGE);
        assert_eq!(blocks.memory.used, 10);
    }
}

/// Wasm memory, grown with `memory.grow`.
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
pub struct WasmMemory;

#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
impl Memory for WasmMemory {
    fn grow(&mut self, pages: usize) -> Option<usize> {
        let before = core::arch::wasm32::memory_grow(0, pages);
        (before != usize::MAX)
            .then(|| before.checked_mul(PAGE))
            .flatten()
    }
}

/// The browser builds' global allocator: [`Blocks`] behind a lock (wasm without threads never
/// waits on it).
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
pub struct BrowserAllocator(pub spin::Mutex<Blocks<WasmMemory>>);

// SAFETY: the pages `memory.grow` adds are the allocator's alone (no other code of the module uses
// memory it did not allocate), and each method passes on the contract GlobalAlloc's caller keeps.
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
unsafe impl core::alloc::GlobalAlloc for BrowserAllocator {
    #[inline(never)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { self.0.lock().allocate(layout) }
    }

    #[inline(never)]
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        unsafe { self.0.lock().deallocate(block, layout) }
    }

    #[inline(never)]
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        unsafe { self.0.lock().reallocate(block, layout, size) }
    }
}
