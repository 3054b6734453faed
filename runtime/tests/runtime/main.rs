//! The runtime's pallets working together: blocks built by `frame_executive` on the presets'
//! genesis states, with signed extrinsics.

mod chain;
mod council;
mod pool;
