//! Leaf hashes of many records, in order. Natively each record is hashed as it comes (sha2 uses the
//! CPU's SHA extensions). In wasm built with 128-bit SIMD (the package's log module), records are
//! hashed four at a time, one per 32-bit lane: wasm has no SHA instructions, and the hashing took
//! about 40% less time this way (`platformRecordSchema.hashNdjson` on 200,000 records, Node's profiler).
//! The sha2 crate has no such path, hence this one; tests hold it to sha2 on every length up to
//! several blocks.

use super::merkle::Hash;
#[cfg(any(test, not(all(target_arch = "wasm32", target_feature = "simd128"))))]
use super::merkle::leaf_hash;

/// Collects the leaf hashes of records given one after another.
#[derive(Default)]
pub struct LeafBatch {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    pending: lanes::Pending,
}

impl LeafBatch {
    /// Adds the leaf hash of `record` to `leaves` (in wasm, perhaps only at a later push or at
    /// [`LeafBatch::finish`]: the order is kept).
    pub fn push(&mut self, record: &[u8], leaves: &mut Vec<Hash>) {
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        self.pending.push(record, leaves);
        #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
        leaves.push(leaf_hash(record));
    }

    /// Adds the hashes of the records still pending.
    pub fn finish(self, leaves: &mut Vec<Hash>) {
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        self.pending.finish(leaves);
        #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
        let _ = leaves;
    }
}

/// SHA-256 (FIPS 180-4) of four messages at once, lane `i` of every vector holding message `i`.
#[cfg(any(test, all(target_arch = "wasm32", target_feature = "simd128")))]
mod lanes {
    use super::Hash;
    #[cfg(test)]
    use super::leaf_hash;

    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];

    const H0: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];

    /// Four 32-bit lanes: wasm's `v128` in the package, plain arrays in native tests (the same
    /// arithmetic, so the native tests check the algorithm the lanes run).
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    mod x4 {
        use core::arch::wasm32::*;
        pub type X4 = v128;
        pub fn splat(x: u32) -> X4 {
            u32x4_splat(x)
        }
        pub fn new(a: [u32; 4]) -> X4 {
            u32x4(a[0], a[1], a[2], a[3])
        }
        pub fn get(x: X4) -> [u32; 4] {
            [
                u32x4_extract_lane::<0>(x),
                u32x4_extract_lane::<1>(x),
                u32x4_extract_lane::<2>(x),
                u32x4_extract_lane::<3>(x),
            ]
        }
        pub fn add(a: X4, b: X4) -> X4 {
            u32x4_add(a, b)
        }
        pub fn xor(a: X4, b: X4) -> X4 {
            v128_xor(a, b)
        }
        pub fn rotr(x: X4, n: u32) -> X4 {
            v128_or(u32x4_shr(x, n), u32x4_shl(x, 32 - n))
        }
        pub fn shr(x: X4, n: u32) -> X4 {
            u32x4_shr(x, n)
        }
        /// Bits of `a` where `mask` is set, of `b` elsewhere.
        pub fn select(a: X4, b: X4, mask: X4) -> X4 {
            v128_bitselect(a, b, mask)
        }
    }

    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    mod x4 {
        pub type X4 = [u32; 4];
        pub fn splat(x: u32) -> X4 {
            [x; 4]
        }
        pub fn new(a: [u32; 4]) -> X4 {
            a
        }
        pub fn get(x: X4) -> [u32; 4] {
            x
        }
        fn map2(a: X4, b: X4, f: impl Fn(u32, u32) -> u32) -> X4 {
            std::array::from_fn(|i| f(a[i], b[i]))
        }
        pub fn add(a: X4, b: X4) -> X4 {
            map2(a, b, u32::wrapping_add)
        }
        pub fn xor(a: X4, b: X4) -> X4 {
            map2(a, b, |a, b| a ^ b)
        }
        pub fn rotr(x: X4, n: u32) -> X4 {
            x.map(|x| x.rotate_right(n))
        }
        pub fn shr(x: X4, n: u32) -> X4 {
            x.map(|x| x >> n)
        }
        pub fn select(a: X4, b: X4, mask: X4) -> X4 {
            std::array::from_fn(|i| (a[i] & mask[i]) | (b[i] & !mask[i]))
        }
    }

    use x4::X4;

    /// One 64-byte block of each lane into the state; lanes whose `mask` is 0 keep their state.
    fn compress(state: &mut [X4; 8], blocks: [&[u8; 64]; 4], mask: X4) {
        let word = |lane: usize, i: usize| {
            let b = &blocks[lane][i * 4..i * 4 + 4];
            u32::from_be_bytes([b[0], b[1], b[2], b[3]])
        };
        let mut w: [X4; 64] = [x4::splat(0); 64];
        for (i, slot) in w.iter_mut().enumerate().take(16) {
            *slot = x4::new([word(0, i), word(1, i), word(2, i), word(3, i)]);
        }
        for i in 16..64 {
            let s0 = x4::xor(
                x4::xor(x4::rotr(w[i - 15], 7), x4::rotr(w[i - 15], 18)),
                x4::shr(w[i - 15], 3),
            );
            let s1 = x4::xor(
                x4::xor(x4::rotr(w[i - 2], 17), x4::rotr(w[i - 2], 19)),
                x4::shr(w[i - 2], 10),
            );
            w[i] = x4::add(x4::add(w[i - 16], s0), x4::add(w[i - 7], s1));
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
        for (k, w) in K.iter().zip(w) {
            let s1 = x4::xor(x4::xor(x4::rotr(e, 6), x4::rotr(e, 11)), x4::rotr(e, 25));
            let ch = x4::select(f, g, e);
            let t1 = x4::add(x4::add(h, s1), x4::add(ch, x4::add(x4::splat(*k), w)));
            let s0 = x4::xor(x4::xor(x4::rotr(a, 2), x4::rotr(a, 13)), x4::rotr(a, 22));
            // maj(a, b, c): b where a and b agree (a ^ b is 0 there), c where they differ.
            let maj = x4::select(c, b, x4::xor(a, b));
            let t2 = x4::add(s0, maj);
            h = g;
            g = f;
            f = e;
            e = x4::add(d, t1);
            d = c;
            c = b;
            b = a;
            a = x4::add(t1, t2);
        }
        for (slot, add) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
            *slot = x4::select(x4::add(*slot, add), *slot, mask);
        }
    }

    /// SHA-256 of each of four padded messages (whole blocks each).
    fn hash4(padded: [&[u8]; 4]) -> [Hash; 4] {
        let mut state = H0.map(x4::splat);
        let blocks = padded.map(|message| message.len() / 64);
        let most = blocks.iter().copied().max().unwrap_or(0);
        let zero = [0u8; 64];
        for i in 0..most {
            let block = |lane: usize| -> &[u8; 64] {
                padded[lane]
                    .get(i * 64..i * 64 + 64)
                    .and_then(|block| block.try_into().ok())
                    .unwrap_or(&zero)
            };
            let mask = x4::new(blocks.map(|n| if i < n { u32::MAX } else { 0 }));
            compress(&mut state, [block(0), block(1), block(2), block(3)], mask);
        }
        let words = state.map(x4::get);
        std::array::from_fn(|lane| {
            let mut hash = [0u8; 32];
            for (i, word) in words.iter().enumerate() {
                hash[i * 4..i * 4 + 4].copy_from_slice(&word[lane].to_be_bytes());
            }
            hash
        })
    }

    /// `0x00 ‖ record`, padded as SHA-256 pads (a 1 bit, zeros, the bit length).
    fn pad_leaf(record: &[u8], out: &mut Vec<u8>) {
        out.clear();
        out.push(0x00);
        out.extend_from_slice(record);
        let bits = (out.len() as u64).wrapping_mul(8);
        out.push(0x80);
        while out.len() % 64 != 56 {
            out.push(0);
        }
        out.extend_from_slice(&bits.to_be_bytes());
    }

    /// Up to three padded records waiting for a fourth.
    #[derive(Default)]
    pub struct Pending {
        padded: [Vec<u8>; 4],
        count: usize,
    }

    impl Pending {
        pub fn push(&mut self, record: &[u8], leaves: &mut Vec<Hash>) {
            if let Some(slot) = self.padded.get_mut(self.count) {
                pad_leaf(record, slot);
                self.count += 1;
            }
            if self.count == 4 {
                let [a, b, c, d] = &self.padded;
                leaves.extend(hash4([a, b, c, d]));
                self.count = 0;
            }
        }

        /// The last (fewer than four) records; the lanes left over hash what they last held.
        pub fn finish(self, leaves: &mut Vec<Hash>) {
            if self.count == 0 {
                return;
            }
            let [a, b, c, d] = &self.padded;
            let hashes = hash4([a, b, c, d]);
            leaves.extend(hashes.into_iter().take(self.count));
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn four_lanes_give_sha256_of_each_record() {
            // Lengths around every padding border (55, 56, 63, 64 bytes with the prefix), mixed
            // in one batch so that lanes finish at different blocks.
            let records: Vec<Vec<u8>> = (0..300usize)
                .map(|n| (0..n).map(|i| (i * 31 + n) as u8).collect())
                .collect();
            for start in 0..records.len() {
                let mut pending = Pending::default();
                let mut leaves = Vec::new();
                let batch: Vec<&Vec<u8>> =
                    (0..7).map(|i| &records[(start + i * 53) % 300]).collect();
                for record in &batch {
                    pending.push(record, &mut leaves);
                }
                pending.finish(&mut leaves);
                let expected: Vec<Hash> = batch.iter().map(|r| leaf_hash(r)).collect();
                assert_eq!(leaves, expected, "batch from {start}");
            }
        }
    }
}
