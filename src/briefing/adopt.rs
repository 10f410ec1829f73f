//! Adopting a reader's own analysis into a briefing file (`briefing adopt`): own claims,
//! counterpoints and factor links written into the file as ordinary entries, so an author can
//! build a briefing in the reader and share it. Pure: text in, new text and the ids given out.
//!
//! The file is edited as a document (`toml_edit`), never re-serialized: every byte of it that
//! is not part of an addition stays as it was, comments and order included. New `[[claim]]`
//! tables go after the last claim of the file (after the last section when it has none), new
//! `[[counterpoint]]` tables after the last counterpoint (after the claims when it has none),
//! each one blank line apart, or as far apart as the tables of its kind already are. A factor
//! link adds the claim's id at the end of the factor's `claims = [...]`, spaced as the array's
//! other ids are (a factor without `claims` gets one).
//!
//! Ids: an own id without its `my-` prefix when that is a valid id free among the file's ids
//! of its kind and the ids the caller says are taken (what notes and ratings key), else that
//! with `-2`, `-3`... An own item whose text is already in the file under that id or a
//! suffixed one (an adopt run before, whose notes update failed) is found there, not added
//! again: so running adopt twice adds nothing twice.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

use super::{ClaimKind, is_valid_id};

/// What an own id opens with (as `notes::own::PREFIX`, which a test keeps equal).
pub const OWN_PREFIX: &str = "my-";

/// An own claim to write, its passage as it reads now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewClaim {
    pub own_id: String,
    /// The id of the section the passage is in now.
    pub section: String,
    pub text: String,
    /// The passage as it reads now, so `check` finds it.
    pub quote: Option<String>,
    pub kind: Option<ClaimKind>,
}

/// An own counterpoint to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCounterpoint {
    pub own_id: String,
    /// The claims it answers: author's ids, or own ids of claims adopted with it.
    pub claims: Vec<String>,
    pub text: String,
    pub by: String,
}

/// An own factor link: `claim` (an author's id, or an own claim's) bears on `factor`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub claim: String,
    pub factor: String,
}

/// Everything to adopt, and the ids the file does not show but that must not be given out.
#[derive(Clone, Debug, Default)]
pub struct Adoption {
    pub claims: Vec<NewClaim>,
    pub counterpoints: Vec<NewCounterpoint>,
    pub links: Vec<Link>,
    /// Claim ids keyed outside the file (notes, ratings, other own claims).
    pub taken_claims: HashSet<String>,
    /// Counterpoint ids keyed outside the file.
    pub taken_counterpoints: HashSet<String>,
}

/// An own item and the id it has in the file now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapped {
    pub own: String,
    pub id: String,
    /// Found in the file already (an earlier adopt), not added now.
    pub already: bool,
}

/// A factor link in the file now: `claim` as the notes key it, `id` as the file does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Linked {
    pub claim: String,
    pub id: String,
    pub factor: String,
    pub already: bool,
}

/// What was not adopted, and why (it stays in the reader's own list).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Left {
    /// `counterpoint 'my-x'`, `factor link 'my-y' → 'tools'`.
    pub what: String,
    pub why: String,
}

/// The result: the new text, and what each own item became.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Adopted {
    pub text: String,
    pub claims: Vec<Mapped>,
    pub counterpoints: Vec<Mapped>,
    pub links: Vec<Linked>,
    pub left: Vec<Left>,
}

impl Adopted {
    /// Whether the text changes.
    pub fn adds_anything(&self) -> bool {
        self.claims.iter().any(|m| !m.already)
            || self.counterpoints.iter().any(|m| !m.already)
            || self.links.iter().any(|l| !l.already)
    }
}

/// Why the file cannot be edited: a message, at a place in it when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditError {
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl EditError {
    fn new(message: impl Into<String>) -> Self {
        EditError { span: None, message: message.into() }
    }
}

/// Writes `adoption` into the briefing source `text`: see the module.
pub fn adopt(text: &str, adoption: &Adoption) -> Result<Adopted, EditError> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| EditError {
        span: e.span(),
        message: e.message().into(),
    })?;
    if doc.to_string() != text {
        return Err(EditError::new(
            "this file's layout cannot be kept byte for byte by the TOML editor; nothing adopted",
        ));
    }
    let mut out = Adopted::default();
    let section_end = last_position(doc.get("section"));
    let claims_end = last_position(doc.get("claim"));

    // Claims.
    let (claim_ids, claim_texts) = ids_and_texts(doc.get("claim"), "claim")?;
    let mut taken: HashSet<String> = claim_ids.iter().cloned().collect();
    taken.extend(adoption.taken_claims.iter().cloned());
    let mut found_used = HashSet::new();
    let mut new_claims = Vec::new();
    for c in &adoption.claims {
        let base = base_id(&c.own_id, "claim");
        if let Some(id) = already(&claim_texts, &c.text, &base, &mut found_used) {
            out.claims.push(Mapped { own: c.own_id.clone(), id, already: true });
            continue;
        }
        let id = fresh_id(&base, |id| taken.contains(id));
        taken.insert(id.clone());
        let mut t = Table::new();
        t.insert("id", toml_edit::value(id.as_str()));
        t.insert("section", toml_edit::value(c.section.as_str()));
        t.insert("text", toml_edit::value(c.text.as_str()));
        if let Some(quote) = &c.quote {
            t.insert("quote", toml_edit::value(quote.as_str()));
        }
        if let Some(kind) = c.kind {
            t.insert("kind", toml_edit::value(kind.name()));
        }
        new_claims.push(t);
        out.claims.push(Mapped { own: c.own_id.clone(), id, already: false });
    }
    let file_claim = |own_or_author: &str, out: &Adopted| -> Option<String> {
        match out.claims.iter().find(|m| m.own == own_or_author) {
            Some(m) => Some(m.id.clone()),
            None => claim_ids.contains(own_or_author).then(|| own_or_author.to_string()),
        }
    };

    // Counterpoints.
    let (counterpoint_ids, counterpoint_texts) =
        ids_and_texts(doc.get("counterpoint"), "counterpoint")?;
    let mut taken: HashSet<String> = counterpoint_ids.into_iter().collect();
    taken.extend(adoption.taken_counterpoints.iter().cloned());
    let mut found_used = HashSet::new();
    let mut new_counterpoints = Vec::new();
    for k in &adoption.counterpoints {
        let what = format!("counterpoint {}", quoted(&k.own_id));
        if k.claims.is_empty() {
            out.left.push(Left { what, why: "it answers no claim".into() });
            continue;
        }
        let answers: Vec<Option<String>> = k.claims.iter().map(|c| file_claim(c, &out)).collect();
        if let Some(gone) = k.claims.iter().zip(&answers).find(|(_, a)| a.is_none()) {
            let why = format!("it answers {}, which is not in the file", quoted(gone.0));
            out.left.push(Left { what, why });
            continue;
        }
        let answers: Vec<String> = answers.into_iter().flatten().collect();
        let base = base_id(&k.own_id, "counterpoint");
        if let Some(id) = already(&counterpoint_texts, &k.text, &base, &mut found_used) {
            out.counterpoints.push(Mapped { own: k.own_id.clone(), id, already: true });
            continue;
        }
        let id = fresh_id(&base, |id| taken.contains(id));
        taken.insert(id.clone());
        let mut t = Table::new();
        t.insert("id", toml_edit::value(id.as_str()));
        t.insert("claims", toml_edit::value(answers.iter().map(String::as_str).collect::<Array>()));
        t.insert("text", toml_edit::value(k.text.as_str()));
        t.insert("by", toml_edit::value(k.by.as_str()));
        new_counterpoints.push(t);
        out.counterpoints.push(Mapped { own: k.own_id.clone(), id, already: false });
    }

    // Factor links.
    let factors = match doc.get_mut("factor") {
        None => None,
        Some(item) => match item.as_array_of_tables_mut() {
            Some(aot) => Some(aot),
            None => return Err(not_tables(item, "factor")),
        },
    };
    let mut factors = factors;
    for link in &adoption.links {
        let what = format!("factor link {} → {}", quoted(&link.claim), quoted(&link.factor));
        let Some(id) = file_claim(&link.claim, &out) else {
            out.left.push(Left { what, why: "its claim is not in the file".into() });
            continue;
        };
        let factor = factors.as_deref_mut().and_then(|aot| {
            aot.iter_mut().find(|t| t.get("id").and_then(Item::as_str) == Some(&link.factor))
        });
        let Some(factor) = factor else {
            out.left.push(Left { what, why: "the file has no such factor".into() });
            continue;
        };
        let already = link_claim(factor, &id).map_err(EditError::new)?;
        out.links.push(Linked {
            claim: link.claim.clone(),
            id,
            factor: link.factor.clone(),
            already,
        });
    }

    // The new tables, after their kind's last (or the kind before, when there is none).
    let claims_had = claims_end.is_some();
    append(&mut doc, "claim", new_claims, claims_end.or(section_end))?;
    let after_claims = if claims_had { claims_end } else { section_end };
    let counterpoints_end = last_position(doc.get("counterpoint"));
    append(&mut doc, "counterpoint", new_counterpoints, counterpoints_end.or(after_claims))?;
    out.text = doc.to_string();
    Ok(out)
}

/// Adds `id` to `factor`'s `claims`, spaced as the array is; whether it was there already.
fn link_claim(factor: &mut Table, id: &str) -> Result<bool, String> {
    let Some(item) = factor.get_mut("claims") else {
        factor.insert("claims", toml_edit::value(Array::from_iter([id])));
        return Ok(false);
    };
    let Some(array) = item.as_array_mut() else {
        return Err("a factor's 'claims' is not an array".into());
    };
    if array.iter().any(|v| v.as_str() == Some(id)) {
        return Ok(true);
    }
    let mut value = Value::from(id);
    let prefix = match array.len() {
        0 => String::new(),
        1 => match prefix_of(array.get(0)) {
            p if p.contains('\n') => p,
            _ => " ".into(),
        },
        n => prefix_of(array.get(n - 1)),
    };
    // `[\n  "a",\n  "b"\n]` without a trailing comma: the space before `]` is the last
    // value's suffix; it moves to the new last value.
    let mut suffix = String::new();
    if !array.trailing_comma()
        && let Some(last) = array.get_mut(array.len().wrapping_sub(1))
    {
        suffix = last.decor().suffix().and_then(|s| s.as_str()).unwrap_or("").to_string();
        last.decor_mut().set_suffix("");
    }
    value.decor_mut().set_prefix(prefix);
    value.decor_mut().set_suffix(suffix);
    array.push_formatted(value);
    Ok(false)
}

fn prefix_of(value: Option<&Value>) -> String {
    value.and_then(|v| v.decor().prefix()).and_then(|p| p.as_str()).unwrap_or(" ").to_string()
}

/// Appends `tables` to the array of tables `key`, placed after the table at `position` when
/// the array is new.
fn append(
    doc: &mut DocumentMut,
    key: &str,
    tables: Vec<Table>,
    position: Option<isize>,
) -> Result<(), EditError> {
    if tables.is_empty() {
        return Ok(());
    }
    let root = doc.as_table_mut();
    if !root.contains_key(key) {
        root.insert(key, Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let Some(item) = root.get_mut(key) else { return Err(EditError::new("lost a table")) };
    let separator = match item.as_array_of_tables() {
        Some(aot) => aot
            .iter()
            .last()
            .and_then(|t| t.decor().prefix())
            .and_then(|p| p.as_str())
            .filter(|p| p.contains('\n') && p.trim().is_empty())
            .unwrap_or("\n")
            .to_string(),
        None => return Err(not_tables(item, key)),
    };
    let Some(aot) = item.as_array_of_tables_mut() else { return Err(not_tables(item, key)) };
    let is_new = aot.is_empty();
    for mut table in tables {
        table.decor_mut().set_prefix(separator.as_str());
        // A table without a position is written after the one written before it; the first
        // of a new array goes after the table at `position`.
        if is_new {
            table.set_position(position);
        }
        aot.push(table);
    }
    Ok(())
}

fn not_tables(item: &Item, key: &str) -> EditError {
    EditError {
        span: item.span(),
        message: format!(
            "'{key}' is not written as [[{key}]] tables; adopt adds [[{key}]] tables only"
        ),
    }
}

/// The position of the last table of `item` (an array of tables).
fn last_position(item: Option<&Item>) -> Option<isize> {
    item?.as_array_of_tables()?.iter().filter_map(Table::position).max()
}

type Texts = HashMap<String, Vec<String>>;

/// The ids of an array of tables, and the ids under each text.
fn ids_and_texts(item: Option<&Item>, key: &str) -> Result<(HashSet<String>, Texts), EditError> {
    let (mut ids, mut texts) = (HashSet::new(), Texts::new());
    let Some(item) = item else { return Ok((ids, texts)) };
    let Some(aot) = item.as_array_of_tables() else { return Err(not_tables(item, key)) };
    for t in aot.iter() {
        let Some(id) = t.get("id").and_then(Item::as_str) else { continue };
        ids.insert(id.to_string());
        if let Some(text) = t.get("text").and_then(Item::as_str) {
            texts.entry(text.to_string()).or_default().push(id.to_string());
        }
    }
    Ok((ids, texts))
}

/// The id of an entry with `text` already in the file under `base` or `base-N`, each found
/// once.
fn already(texts: &Texts, text: &str, base: &str, used: &mut HashSet<String>) -> Option<String> {
    let ids = texts.get(text)?;
    let is_ours = |id: &str| {
        id == base
            || id
                .strip_prefix(base)
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let id = ids.iter().find(|id| is_ours(id) && !used.contains(*id))?;
    used.insert(id.clone());
    Some(id.clone())
}

/// An own id without [`OWN_PREFIX`], when that is a valid id; else the own id if valid; else
/// `fallback`.
fn base_id(own: &str, fallback: &str) -> String {
    match own.strip_prefix(OWN_PREFIX) {
        Some(rest) if is_valid_id(rest) => rest.to_string(),
        _ if is_valid_id(own) => own.to_string(),
        _ => fallback.to_string(),
    }
}

/// `base` when free, else `base-2`, `base-3`... (cut to stay within the id rule's 64 bytes).
fn fresh_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    for n in 2u64.. {
        let suffix = format!("-{n}");
        let mut head = &base[..base.len().min(64 - suffix.len())];
        head = head.trim_end_matches('-');
        let id = format!("{head}{suffix}");
        if is_valid_id(&id) && !taken(&id) {
            return id;
        }
    }
    base.to_string()
}

fn quoted(s: &str) -> String {
    crate::diagnostic::quoted(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"# A briefing, hand-written.
format = 1

[briefing]
id = "b"
title = "B"

[[section]]
id = "s1"
title = "One"
body = """
Chips are scarce and costly. Talent is plentiful.
"""

[[claim]]   # the first claim
id = "scarce"
section = "s1"
text = "Chips are scarce."
quote = "Chips are scarce"

# Counterpoints follow.

[[counterpoint]]
id = "k1"
claims = ["scarce"]
text = "Not everywhere."

[[factor]]
id = "tools"
title = "Tools"
text = "Tools matter."
claims = [
    "scarce",
]

[[factor]]
id = "talent"
title = "Talent"
text = "People matter."

# The end.
"#;

    fn claim(own: &str, text: &str, quote: &str) -> NewClaim {
        NewClaim {
            own_id: own.into(),
            section: "s1".into(),
            text: text.into(),
            quote: Some(quote.into()),
            kind: Some(ClaimKind::Assessment),
        }
    }

    fn counterpoint(own: &str, claims: &[&str], text: &str) -> NewCounterpoint {
        NewCounterpoint {
            own_id: own.into(),
            claims: claims.iter().map(|c| c.to_string()).collect(),
            text: text.into(),
            by: "reader".into(),
        }
    }

    fn link(claim: &str, factor: &str) -> Link {
        Link { claim: claim.into(), factor: factor.into() }
    }

    fn check(text: &str) {
        let report = crate::briefing::check_text(std::path::Path::new("t.toml"), text);
        assert!(report.briefing.is_some(), "{:?}\n{text}", report.diagnostics);
    }

    #[test]
    fn the_file_is_kept_and_the_new_entries_follow_their_kind() {
        check(FILE);
        let adoption = Adoption {
            claims: vec![claim("my-talent", "Talent is plentiful.", "Talent is plentiful")],
            counterpoints: vec![counterpoint("my-cheap", &["my-talent", "scarce"], "It is cheap.")],
            links: vec![link("my-talent", "talent"), link("scarce", "tools")],
            ..Adoption::default()
        };
        let out = adopt(FILE, &adoption).unwrap();
        check(&out.text);
        let claim = "\n[[claim]]\nid = \"talent\"\nsection = \"s1\"\ntext = \"Talent is plentiful.\"\n\
                     quote = \"Talent is plentiful\"\nkind = \"assessment\"\n";
        let counterpoint = "\n[[counterpoint]]\nid = \"cheap\"\nclaims = [\"talent\", \"scarce\"]\n\
                            text = \"It is cheap.\"\nby = \"reader\"\n";
        let expected = FILE
            .replace(
                "quote = \"Chips are scarce\"\n",
                &format!("quote = \"Chips are scarce\"\n{claim}"),
            )
            .replace(
                "text = \"Not everywhere.\"\n",
                &format!("text = \"Not everywhere.\"\n{counterpoint}"),
            )
            .replace(
                "text = \"People matter.\"\n",
                "text = \"People matter.\"\nclaims = [\"talent\"]\n",
            );
        assert_eq!(out.text, expected);
        assert_eq!(
            out.claims,
            [Mapped { own: "my-talent".into(), id: "talent".into(), already: false }]
        );
        assert_eq!(out.counterpoints[0].id, "cheap");
        assert_eq!(out.links.len(), 2);
        assert!(out.links[1].already, "scarce is linked to tools already");
        assert!(out.left.is_empty(), "{:?}", out.left);
    }

    #[test]
    fn a_link_keeps_the_arrays_spacing() {
        let one_line = FILE.replace("claims = [\n    \"scarce\",\n]", "claims = [\"scarce\"]");
        let two = claim("my-talent", "Talent is plentiful.", "Talent is plentiful");
        let adoption = Adoption {
            claims: vec![two],
            links: vec![link("my-talent", "tools")],
            ..Adoption::default()
        };
        let out = adopt(FILE, &adoption).unwrap();
        assert!(
            out.text.contains("claims = [\n    \"scarce\",\n    \"talent\",\n]"),
            "{}",
            out.text
        );
        let out = adopt(&one_line, &adoption).unwrap();
        assert!(out.text.contains("claims = [\"scarce\", \"talent\"]\n"), "{}", out.text);
        let no_comma = FILE.replace("\"scarce\",\n]", "\"scarce\"\n]");
        let out = adopt(&no_comma, &adoption).unwrap();
        assert!(
            out.text.contains("claims = [\n    \"scarce\",\n    \"talent\"\n]"),
            "{}",
            out.text
        );
        check(&out.text);
    }

    #[test]
    fn ids_lose_the_prefix_when_free_and_get_a_suffix_when_not() {
        let adoption = Adoption {
            claims: vec![
                claim("my-scarce", "Scarce, mine.", "Chips are scarce"),
                claim("my-talent", "Talent.", "Talent is plentiful"),
                claim("my-x", "X.", "costly"),
            ],
            counterpoints: vec![counterpoint("my-k1", &["my-scarce"], "Mine.")],
            taken_claims: ["talent".to_string()].into(),
            ..Adoption::default()
        };
        let out = adopt(FILE, &adoption).unwrap();
        let ids: Vec<&str> = out.claims.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["scarce-2", "talent-2", "x"]);
        assert_eq!(out.counterpoints[0].id, "k1-2");
        assert!(out.text.contains("claims = [\"scarce-2\"]"));
        check(&out.text);
        let long = "a".repeat(64);
        assert_eq!(fresh_id(&long, |id| id == long), format!("{}-2", "a".repeat(62)));
        assert_eq!(base_id("my-Bad", "claim"), "claim");
        assert_eq!(base_id("mine", "claim"), "mine");
    }

    #[test]
    fn adopting_again_adds_nothing_twice() {
        let adoption = Adoption {
            claims: vec![
                claim("my-talent", "Talent is plentiful.", "Talent is plentiful"),
                claim("my-scarce", "Chips are scarce.", "Chips are scarce"),
            ],
            counterpoints: vec![counterpoint("my-cheap", &["my-talent"], "It is cheap.")],
            links: vec![link("my-talent", "tools")],
            ..Adoption::default()
        };
        let once = adopt(FILE, &adoption).unwrap();
        assert_eq!(once.claims[1].id, "scarce", "its text is there under its id: found");
        assert!(once.claims[1].already);
        let twice = adopt(&once.text, &adoption).unwrap();
        assert_eq!(twice.text, once.text);
        assert!(!twice.adds_anything());
        assert_eq!(
            twice.claims,
            once.claims.iter().map(|m| Mapped { already: true, ..m.clone() }).collect::<Vec<_>>()
        );
        assert_eq!(twice.counterpoints[0].id, "cheap");
    }

    #[test]
    fn what_cannot_be_adopted_is_left_with_a_reason() {
        let adoption = Adoption {
            counterpoints: vec![
                counterpoint("my-a", &["my-gone"], "A."),
                counterpoint("my-b", &[], "B."),
            ],
            links: vec![link("scarce", "nowhere"), link("my-gone", "tools")],
            ..Adoption::default()
        };
        let out = adopt(FILE, &adoption).unwrap();
        assert_eq!(out.text, FILE, "nothing added");
        let whys: Vec<&str> = out.left.iter().map(|l| l.why.as_str()).collect();
        assert_eq!(
            whys,
            [
                "it answers 'my-gone', which is not in the file",
                "it answers no claim",
                "the file has no such factor",
                "its claim is not in the file",
            ]
        );
    }

    #[test]
    fn a_file_without_claims_or_counterpoints_gets_them_after_its_sections() {
        let bare = "format = 1\n\n[briefing]\nid = \"b\"\ntitle = \"B\"\n\n[[section]]\nid = \"s1\"\n\
                    title = \"One\"\nbody = \"Chips are scarce.\"\n\n[[factor]]\nid = \"f\"\n\
                    title = \"F\"\ntext = \"F.\"\n";
        let adoption = Adoption {
            claims: vec![claim("my-a", "A.", "Chips")],
            counterpoints: vec![counterpoint("my-k", &["my-a"], "K.")],
            ..Adoption::default()
        };
        let out = adopt(bare, &adoption).unwrap();
        let at = |s: &str| out.text.find(s).unwrap();
        assert!(at("[[section]]") < at("[[claim]]"), "{}", out.text);
        assert!(at("[[claim]]") < at("[[counterpoint]]"), "{}", out.text);
        assert!(at("[[counterpoint]]") < at("[[factor]]"), "{}", out.text);
        assert!(out.text.contains("body = \"Chips are scarce.\"\n\n[[claim]]\n"), "{}", out.text);
        check(&out.text);
    }

    #[test]
    fn the_spacing_between_tables_is_the_files() {
        let wide = FILE.replace("\n[[claim]]", "\n\n[[claim]]");
        let adoption =
            Adoption { claims: vec![claim("my-a", "A.", "Chips")], ..Adoption::default() };
        let out = adopt(&wide, &adoption).unwrap();
        assert!(
            out.text.contains("quote = \"Chips are scarce\"\n\n\n[[claim]]\nid = \"a\""),
            "{}",
            out.text
        );
    }

    #[test]
    fn bad_toml_is_an_error_at_its_place() {
        let error = adopt("format = = 1\n", &Adoption::default()).unwrap_err();
        assert_eq!(error.span.map(|s| s.start), Some(9));
        let error = adopt(
            "format = 1\nclaim = [{ id = \"a\" }]\n",
            &Adoption { claims: vec![claim("my-a", "A.", "x")], ..Adoption::default() },
        )
        .unwrap_err();
        assert!(error.message.contains("not written as [[claim]] tables"), "{error:?}");
    }
}
