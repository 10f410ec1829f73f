//! `briefing notes`: a briefing's notes as Markdown, grouped by section, orphans last.
//!
//! Claim text and quotes come from the (sanitized) briefing; note text is the user's own and
//! is made safe here, so the output carries no escape sequences.

use super::{Notebook, Standing};
use crate::briefing::Briefing;
use crate::sanitize;

/// The notes of `b` as Markdown.
pub fn render(b: &Briefing, book: &Notebook) -> String {
    let mut out = format!("# Notes: {}\n", b.title);
    let standings = book.standings(b);
    if standings.is_empty() {
        out.push_str("\nNo notes yet.\n");
        return out;
    }
    let mut section = None;
    let mut orphans_started = false;
    for (note, standing) in standings {
        match standing {
            Standing::Current(c) | Standing::Changed(c) => {
                let claim = &b.claims[c];
                if section != Some(claim.section) {
                    section = Some(claim.section);
                    let s = &b.sections[claim.section];
                    out.push_str(&format!("\n## {}. {}\n", claim.section + 1, s.title));
                }
                out.push_str(&format!("\n### {}\n\n", claim.text));
                if let Some(quote) = &claim.quote {
                    out.push_str(&format!("> {quote}\n\n"));
                }
                if standing == Standing::Changed(c) {
                    let was = sanitize::single_line(&note.claim_text);
                    out.push_str(&format!(
                        "*The claim changed since this note was written; it read: “{was}”*\n\n"
                    ));
                }
            }
            Standing::Orphaned => {
                if !orphans_started {
                    orphans_started = true;
                    out.push_str(
                        "\n## Orphaned notes\n\nTheir claims are no longer in the briefing.\n",
                    );
                }
                let was = sanitize::single_line(&note.claim_text);
                out.push_str(&format!(
                    "\n### {was}\n\n*claim `{}`*\n\n",
                    sanitize::single_line(&note.claim)
                ));
            }
        }
        if let Some(stance) = note.stance {
            out.push_str(&format!("**Stance:** {}\n\n", stance.name()));
        }
        if !note.note.is_empty() {
            out.push_str(&sanitize::multi_line(&note.note));
            out.push('\n');
        }
    }
    out
}
