//! Your own claims, counterpoints and factor links in the reader: `update` end to end.
