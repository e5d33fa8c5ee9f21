//! Known names shipped in `assets/gazetteer/`. (Skeleton.)
