//! `export --format w3c`: the user's marks and claim notes as W3C Web Annotation JSON-LD
//! (<https://www.w3.org/TR/annotation-model/>), to take them to other annotation tools.
//!
//! One `AnnotationCollection` whose first page holds every annotation. Each annotation also
//! carries the `@context` (`http://www.w3.org/ns/anno.jsonld`), so one taken out alone is
//! still valid. A highlight without a note has motivation `highlighting`; a mark with a note
//! and a claim's note, `commenting`. The note is a `TextualBody` (purpose `commenting`), the
//! label a tag (`tagging`), the stance an assessment (`assessing`), and so are a claim note's
//! likelihood and confidence (`likelihood: likely`, `confidence: moderate`). The target's source is
//! `urn:briefing:<briefing id>:<section id>`, its selectors a `TextQuoteSelector` (exact,
//! prefix, suffix) and a `TextPositionSelector` (start, end: characters of the section's
//! folded text, its paragraphs joined by a blank line). A claim's note targets the claim's
//! quote, or (a claim without one, or gone) the claim's text at `urn:briefing:<id>:claim:<claim
//! id>`. Unsafe characters are written as `\uXXXX` escapes, as in the JSON export.

use serde_json::{Value, json};

use crate::briefing::Briefing;
use crate::notes::{Note, Notebook, Standing, anchor};

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The annotations of `book` on `b`, pretty-printed, ending in a newline.
pub fn render(b: &Briefing, book: &Notebook) -> String {
    let mut items: Vec<Value> = Vec::new();
    for (mark, anchored) in book.mark_standings(b) {
        let (section, start, end) = match &anchored.place {
            Some(p) => (b.sections[p.section].id.as_str(), p.start, p.end),
            None => (mark.section.as_str(), mark.start, mark.end),
        };
        let mut bodies = Vec::new();
        if let Some(note) = mark.note.as_deref().filter(|n| !n.is_empty()) {
            bodies.push(text_body(note, "commenting"));
        }
        if let Some(label) = mark.label {
            bodies.push(text_body(label.name(), "tagging"));
        }
        if let Some(stance) = mark.stance {
            bodies.push(text_body(stance.name(), "assessing"));
        }
        let motivation = if mark.note.as_deref().is_some_and(|n| !n.is_empty()) {
            "commenting"
        } else {
            "highlighting"
        };
        let mut annotation = json!({
            "@context": CONTEXT,
            "id": urn(&[&b.id, "mark", &mark.id]),
            "type": "Annotation",
            "motivation": motivation,
            "target": target(&urn(&[&b.id, section]), &mark.exact, &mark.prefix, &mark.suffix, start, end),
        });
        set_body_and_times(&mut annotation, bodies, &mark.created, &mark.updated);
        annotation["briefing:standing"] = json!(crate::notes::standing_name(anchored.standing));
        items.push(annotation);
    }
    // Your own claims laid over the briefing, so a note on one targets its passage as a note
    // on the author's claim does (and is not left out as no claim's).
    let shown = crate::notes::overlay::overlay(b, book);
    for (note, standing) in book.standings(&shown) {
        items.push(claim_note(&shown, note, standing));
    }
    let collection = json!({
        "@context": CONTEXT,
        "id": urn(&[&b.id, "annotations"]),
        "type": "AnnotationCollection",
        "label": format!("Notes and marks on {}", b.title),
        "total": items.len(),
        "first": { "type": "AnnotationPage", "startIndex": 0, "items": items },
    });
    let text = serde_json::to_string_pretty(&collection)
        .unwrap_or_else(|e| json!({ "@context": CONTEXT, "error": e.to_string() }).to_string());
    let mut out = super::json::escape_unsafe(&text);
    out.push('\n');
    out
}

/// A claim's note: on the claim's quote where it has one, else on the claim's own text.
fn claim_note(b: &Briefing, note: &Note, standing: Standing) -> Value {
    let claim = match standing {
        Standing::Current(c) | Standing::Changed(c) => b.claims.get(c.0),
        Standing::Orphaned => None,
    };
    // The quote where it is, as the export's `quote_span` finds it (a briefing built by hand
    // may say otherwise: then the claim's own text is the target).
    let quoted = claim.and_then(|c| {
        let (quote, span) = (c.quote.as_deref()?, c.quote_span.as_ref()?);
        let text = b.sections.get(c.section.0)?.paragraphs.get(span.paragraph)?;
        (text.get(span.range.clone()) == Some(quote)).then_some((c, span))
    });
    let target = match quoted {
        Some((c, span)) => {
            let section = &b.sections[c.section];
            let (exact, prefix, suffix, start, end) =
                anchor::quote_at(b, c.section, span.paragraph, span.range.clone());
            target(&urn(&[&b.id, &section.id]), &exact, &prefix, &suffix, start, end)
        }
        None => {
            let text = claim.map_or(note.claim_text.as_str(), |c| c.text.as_str());
            let len = text.chars().count();
            target(&urn(&[&b.id, "claim", &note.claim]), text, "", "", 0, len)
        }
    };
    let mut bodies = Vec::new();
    if !note.note.is_empty() {
        bodies.push(text_body(&note.note, "commenting"));
    }
    if let Some(stance) = note.stance {
        bodies.push(text_body(stance.name(), "assessing"));
    }
    // Likelihood and confidence are assessments too, named so a tool can tell them apart.
    if let Some(likelihood) = note.likelihood {
        bodies.push(text_body(&format!("likelihood: {}", likelihood.name()), "assessing"));
    }
    if let Some(confidence) = note.confidence {
        bodies.push(text_body(&format!("confidence: {}", confidence.name()), "assessing"));
    }
    let mut annotation = json!({
        "@context": CONTEXT,
        "id": urn(&[&b.id, "note", &note.claim]),
        "type": "Annotation",
        "motivation": "commenting",
        "target": target,
    });
    set_body_and_times(&mut annotation, bodies, &note.created, &note.updated);
    annotation
}

fn target(
    source: &str,
    exact: &str,
    prefix: &str,
    suffix: &str,
    start: usize,
    end: usize,
) -> Value {
    json!({
        "source": source,
        "selector": [
            { "type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix },
            { "type": "TextPositionSelector", "start": start, "end": end },
        ],
    })
}

fn text_body(value: &str, purpose: &str) -> Value {
    json!({ "type": "TextualBody", "value": value, "format": "text/plain", "purpose": purpose })
}

fn set_body_and_times(
    annotation: &mut Value,
    bodies: Vec<Value>,
    created: &toml::value::Datetime,
    updated: &toml::value::Datetime,
) {
    if !bodies.is_empty() {
        annotation["body"] = Value::Array(bodies);
    }
    for (key, time) in [("created", created), ("modified", updated)] {
        let text = time.to_string();
        if !text.is_empty() {
            annotation[key] = json!(text);
        }
    }
}

/// `urn:briefing:a:b:c`, each part percent-encoded but for letters, digits, `-`, `_` and `.`.
fn urn(parts: &[&str]) -> String {
    let mut out = String::from("urn:briefing");
    for part in parts {
        out.push(':');
        for byte in part.bytes() {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.') {
                out.push(char::from(byte));
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urn_parts_are_percent_encoded() {
        assert_eq!(urn(&["b-1", "m:x y"]), "urn:briefing:b-1:m%3Ax%20y");
        assert_eq!(urn(&["é"]), "urn:briefing:%C3%A9");
    }
}
