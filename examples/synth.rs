//! Generates a synthetic briefing (format 1) of a requested size, for benchmarks and stress
//! tests of the loader, `briefing check` and the reader.
//!
//! ```text
//! cargo run --release --example synth -- --size 10MB -o /tmp/synth-10mb.toml
//! cargo run --release --example synth -- --size 100KB --seed 7 > /tmp/synth.toml
//! ```
//!
//! Sizes are a number with an optional unit: `B`, `KB`/`K` (1000), `MB`/`M` (1000²),
//! `GB`/`G` (1000³), or `KiB`/`MiB`/`GiB` (powers of 1024); `1.5MB` works too. From about
//! 20 KB up the file comes out within 0.1% of the size asked for (a last, smaller section tops
//! it up). `--seed N` (default 1) picks the content; the same seed and size always give the
//! same bytes. Without `-o FILE` the briefing goes to stdout.
//!
//! What is in it: sections of 2–4 KB, about 190 per MB (3–8 one-line paragraphs of words,
//! with CJK runs and emoji about one word in 40 and a word longer than 120 characters about
//! one in 200, which the reader has to break), 3–10 claims per section quoting a run of 3–8
//! words from one of its paragraphs, about one counterpoint per two claims, and the three
//! factors `tools`, `data` and `geopolitics`, each citing a few dozen sections and claims.
//! Only std and the crate itself are used (its TOML string writers), so the example adds
//! no dependencies.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A failure here should stop it loudly.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use briefing::import::{toml_multi_line, toml_string};

const USAGE: &str = "usage: synth --size SIZE [--seed N] [-o FILE]
  --size SIZE   target file size: 100KB, 1MB, 10MB, 512KiB, 2000 (bytes)
  --seed N      content seed, default 1
  -o FILE       write the briefing to FILE instead of stdout";

#[rustfmt::skip]
const WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "by", "its",
    "at", "from", "but", "not", "while", "this", "which", "their", "has", "have", "are", "be",
    "into", "more", "than", "over", "under", "across", "despite", "between", "after", "before",
    "artificial", "intelligence", "model", "models", "language", "large", "training", "data",
    "dataset", "datasets", "chip", "chips", "semiconductor", "foundry", "lithography", "export",
    "controls", "sanctions", "policy", "government", "ministry", "industry", "companies", "firm",
    "startup", "startups", "investment", "capital", "venture", "funding", "research", "lab",
    "laboratory", "university", "talent", "engineers", "researchers", "compute", "cluster",
    "accelerator", "GPU", "memory", "bandwidth", "inference", "parameters", "benchmark",
    "performance", "efficiency", "energy", "power", "supply", "chain", "manufacturing", "yield",
    "node", "nanometre", "process", "equipment", "tools", "software", "framework", "open",
    "source", "ecosystem", "platform", "cloud", "service", "market", "markets", "demand",
    "growth", "revenue", "costs", "prices", "competition", "competitive", "domestic", "global",
    "regional", "national", "strategic", "strategy", "security", "privacy", "regulation", "rules",
    "standards", "alignment", "safety", "risk", "risks", "uncertainty", "outlook", "forecast",
    "trend", "trends", "signal", "progress", "gap", "lag", "lead", "rival", "rivals", "partners",
    "alliance", "tension", "tensions", "trade", "tariffs", "access", "restricted", "limited",
    "ambitious", "remarkable", "significant", "modest", "rapid", "slow", "steady", "uneven",
    "fragile", "resilient", "resilience", "self-reliance", "innovation", "imitation",
    "adaptation", "deployment", "adoption", "users", "consumers", "enterprises", "hospitals",
    "factories", "schools", "cities", "provinces", "Beijing", "Shanghai", "Shenzhen", "Hangzhou",
    "Washington", "Taiwan", "Netherlands", "Japan", "Korea", "Europe", "Huawei", "Baidu",
    "Alibaba", "Tencent", "ByteDance", "SMIC", "Nvidia", "TSMC", "ASML", "Ernie", "Qwen",
    "Kunpeng", "Ascend", "HarmonyOS", "2023", "2024", "2025", "2030", "130", "7nm", "5nm",
    "billion", "million", "percent", "quarter", "year", "decade", "could", "may", "might", "will",
    "would", "should", "must", "likely", "unlikely", "perhaps", "arguably", "clearly", "however",
    "moreover", "meanwhile", "yet", "still", "also", "only", "already", "again", "further",
    "rather", "indeed", "notably", "especially", "largely", "partly", "mostly", "widely",
    "closely", "quickly", "slowly", "build", "builds", "built", "train", "trains", "trained",
    "ship", "ships", "shipped", "scale", "scales", "scaled", "close", "closes", "closed", "widen",
    "widens", "widened", "depend", "depends", "hinge", "hinges", "shape", "shapes", "shaped",
    "drive", "drives", "driven", "limit", "limits", "limited", "secure", "secures", "secured",
    "stockpile", "stockpiles", "smuggling", "grey", "channels", "licences", "entity", "list",
    "blacklist", "subsidy", "subsidies", "fund", "funds", "state-backed", "provincial", "local",
    "champion", "champions", "incumbent", "challenger", "frontier", "cutting-edge", "mature",
    "legacy", "advanced", "packaging", "chiplets", "interconnect", "networking", "optical",
    "photonic", "quantum", "robotics", "autonomous", "vehicles", "drones", "surveillance",
    "translation", "search", "chatbot", "assistant", "agents", "reasoning", "multimodal",
    "vision", "speech", "text", "code", "mathematics", "science", "medicine", "finance",
    "logistics", "agriculture", "education",
];

const CJK: &[&str] = &[
    "人工智能发展",
    "大语言模型",
    "芯片自给自足",
    "数据质量",
    "地缘政治",
    "技术创新",
    "半导体制造",
    "开源生态",
    "算力",
    "自主可控",
    "国产替代",
    "深度学习框架",
];

// No ZWJ sequences or variation selectors: those are invisible characters the checker warns about.
const EMOJI: &[&str] =
    &["🤖", "🇨🇳", "🇺🇸", "🇪🇺", "📈", "📉", "🚀", "🔬", "💡", "🌏", "🧠", "⚡", "🏭", "💾"];

const KINDS: [&str; 3] = ["fact", "assessment", "forecast"];

const CLAIM_LEADS: &[&str] = &[
    "The section holds that",
    "According to the article,",
    "The author argues that",
    "It is claimed that",
    "The text suggests that",
    "On this reading,",
];

const COUNTER_LEADS: &[&str] = &[
    "This overlooks that",
    "The evidence is thinner:",
    "Other sources suggest that",
    "That may not hold if",
    "A fairer reading is that",
    "The article itself concedes that",
];

const FACTORS: [(&str, &str, &str); 3] = [
    (
        "tools",
        "Tools and technology",
        "Can the chips, equipment and software the models need be secured?",
    ),
    ("data", "Data and access", "Will training data be plentiful, varied and good enough?"),
    ("geopolitics", "Geopolitics", "Will tensions tighten or loosen the limits on access?"),
];

/// How many sections and claims each factor cites, at most.
const FACTOR_SAMPLE: usize = 36;

fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("synth: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let text = generate(&options);
    let result = match &options.output {
        Some(path) => {
            std::fs::write(path, text.as_bytes()).map_err(|e| format!("cannot write {path}: {e}"))
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| format!("cannot write to stdout: {e}"))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("synth: {message}");
            ExitCode::FAILURE
        }
    }
}

struct Options {
    /// The size as written, lowercased (it names the briefing).
    size_label: String,
    bytes: usize,
    seed: u64,
    output: Option<String>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut size = None;
    let mut seed = 1;
    let mut output = None;
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline.clone().or_else(|| args.next()).ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--size" | "-s" => size = Some(value("--size")?),
            "--seed" => {
                let v = value("--seed")?;
                seed = v.parse().map_err(|_| format!("--seed {v:?}: expected a whole number"))?;
            }
            "-o" | "--output" => output = Some(value("-o")?),
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    let size = size.ok_or("--size is required")?;
    let bytes = parse_size(&size)?;
    let size_label: String = size
        .trim()
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    Ok(Options { size_label, bytes, seed, output })
}

fn parse_size(text: &str) -> Result<usize, String> {
    let t = text.trim();
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| format!("size {text:?}: expected a number and a unit, like 10MB"))?;
    let scale: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => {
            return Err(format!(
                "size {text:?}: unknown unit, expected B, KB, MB, GB or KiB, MiB, GiB"
            ));
        }
    };
    let bytes = number * scale;
    if !bytes.is_finite() || bytes < 1.0 {
        return Err(format!("size {text:?}: expected a positive size"));
    }
    Ok(bytes as usize)
}

#[derive(Clone)]
/// xorshift64*, seeded through splitmix64 so that small seeds (and 0) give good streams.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    /// True one time in `n`.
    fn one_in(&mut self, n: u64) -> bool {
        self.next().is_multiple_of(n)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len() - 1)]
    }
}

/// One word of body text: usually from the list, sometimes CJK or emoji, rarely very long.
fn word(rng: &mut Rng, out: &mut String) {
    if rng.one_in(200) {
        // A single hyphenless token of 121-200 characters.
        let len = rng.range(121, 200);
        let start = out.len();
        while out.len() - start < len {
            let w = rng.pick(WORDS);
            out.extend(w.chars().filter(char::is_ascii_alphanumeric));
        }
        out.truncate(start + len);
    } else if rng.one_in(40) {
        if rng.one_in(2) {
            out.push_str(rng.pick(CJK));
        } else {
            out.push_str(rng.pick(EMOJI));
        }
    } else {
        out.push_str(rng.pick(WORDS));
    }
}

/// A paragraph of about `target` characters (kept within 200..=900), on one line.
fn paragraph(rng: &mut Rng, target: usize) -> String {
    let target = target.clamp(216, 899); // the final stop makes it 900 at most
    let mut out = String::with_capacity(target * 2);
    let mut chars = 0;
    let mut w = String::new();
    loop {
        w.clear();
        word(rng, &mut w);
        let n = w.chars().count();
        // The target is soft for a long word (it would seldom fit otherwise), 900 is not.
        let limit = if n > 120 { 899 } else { target };
        if chars + 1 + n > limit {
            if chars >= 200 {
                break;
            }
            continue; // too long to fit yet too short a paragraph: draw another word
        }
        if chars > 0 {
            out.push(' ');
            chars += 1;
        }
        if chars == 0 {
            capitalize_into(&w, &mut out);
        } else {
            out.push_str(&w);
        }
        chars += n;
    }
    out.push('.');
    out
}

/// A sentence of `min..=max` plain words, without the leading capital or final stop.
fn words(rng: &mut Rng, min: usize, max: usize) -> String {
    let n = rng.range(min, max);
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(rng.pick(WORDS));
    }
    out
}

fn capitalize_into(text: &str, out: &mut String) {
    let mut chars = text.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

fn capitalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    capitalize_into(text, &mut out);
    out
}

/// The tables of the whole file, kept per kind so each kind is written together.
#[derive(Default)]
struct Tables {
    sections: String,
    claims: String,
    counterpoints: String,
    section_ids: Vec<String>,
    claim_ids: Vec<String>,
    counterpoint_count: usize,
}

/// Where [`Tables`] stood, to undo what came after.
#[derive(Clone, Copy)]
struct Mark([usize; 6]);

impl Tables {
    fn len(&self) -> usize {
        self.sections.len() + self.claims.len() + self.counterpoints.len()
    }

    fn mark(&self) -> Mark {
        Mark([
            self.sections.len(),
            self.claims.len(),
            self.counterpoints.len(),
            self.section_ids.len(),
            self.claim_ids.len(),
            self.counterpoint_count,
        ])
    }

    fn reset(&mut self, Mark(m): Mark) {
        self.sections.truncate(m[0]);
        self.claims.truncate(m[1]);
        self.counterpoints.truncate(m[2]);
        self.section_ids.truncate(m[3]);
        self.claim_ids.truncate(m[4]);
        self.counterpoint_count = m[5];
    }
}

/// How a section is shaped: the normal 2-4 KB, or a smaller last one that tops the file up.
enum Shape {
    Normal,
    Tail { body: usize },
}

fn section(rng: &mut Rng, index: usize, shape: Shape, t: &mut Tables) {
    let id = format!("s{index:05}");

    let paragraphs: Vec<String> = match shape {
        Shape::Normal => {
            let body = rng.range(2000, 4000);
            let n = rng.range(3, 8);
            (0..n)
                .map(|_| {
                    let each = body / n;
                    let target = rng.range(each * 3 / 4, each * 5 / 4);
                    paragraph(rng, target)
                })
                .collect()
        }
        Shape::Tail { body } => {
            let n = body.div_ceil(700).clamp(1, 12);
            (0..n).map(|_| paragraph(rng, body / n)).collect()
        }
    };
    let title = capitalize(&words(rng, 2, 5));
    let _ = write!(
        t.sections,
        "[[section]]\nid = {}\ntitle = {}\nbody = {}\n\n",
        toml_string(&id),
        toml_string(&format!("{index}. {title}")),
        toml_multi_line(&paragraphs.join("\n\n")),
    );
    t.section_ids.push(id);

    let claim_count = match shape {
        Shape::Normal => rng.range(3, 10),
        Shape::Tail { .. } => 3,
    };
    let mut claims = Vec::with_capacity(claim_count);
    for k in 1..=claim_count {
        let claim_id = format!("c{index:05}-{k}");
        let p = &paragraphs[rng.range(0, paragraphs.len() - 1)];
        let p = p.strip_suffix('.').unwrap_or(p);
        let ws: Vec<&str> = p.split(' ').collect();
        let len = rng.range(3, 8).min(ws.len());
        let start = rng.range(0, ws.len() - len);
        let quote = ws[start..start + len].join(" ");
        let text = format!("{} {} {}.", rng.pick(CLAIM_LEADS), words(rng, 6, 16), rng.pick(WORDS));
        let kind = KINDS[(t.claim_ids.len() + claims.len()) % KINDS.len()];
        let _ = write!(
            t.claims,
            "[[claim]]\nid = {}\nsection = {}\ntext = {}\nquote = {}\nkind = {}\n\n",
            toml_string(&claim_id),
            toml_string(&t.section_ids[index - 1]),
            toml_string(&text),
            toml_string(&quote),
            toml_string(kind),
        );
        claims.push(claim_id);
    }

    // About one counterpoint per two claims, each answering one or two of them.
    let counter_count = (claim_count + rng.range(0, 1)) / 2;
    for k in 1..=counter_count {
        let first = rng.range(0, claims.len() - 1);
        let mut answers = vec![toml_string(&claims[first])];
        if rng.one_in(2) {
            let second = (first + rng.range(1, claims.len() - 1)) % claims.len();
            answers.push(toml_string(&claims[second]));
        }
        let text = format!("{} {}.", rng.pick(COUNTER_LEADS), words(rng, 8, 20));
        let by = if t.counterpoint_count.is_multiple_of(2) { "article" } else { "editor" };
        t.counterpoint_count += 1;
        let _ = write!(
            t.counterpoints,
            "[[counterpoint]]\nid = {}\nclaims = [{}]\ntext = {}\nby = {}\n\n",
            toml_string(&format!("k{index:05}-{k}")),
            answers.join(", "),
            toml_string(&text),
            toml_string(by),
        );
    }
    t.claim_ids.extend(claims);
}

/// Up to `n` distinct ids from `ids`, in file order.
fn sample(rng: &mut Rng, ids: &[String], n: usize) -> Vec<String> {
    if ids.len() <= n {
        return ids.to_vec();
    }
    let mut chosen: Vec<usize> = Vec::with_capacity(n);
    while chosen.len() < n {
        let i = rng.range(0, ids.len() - 1);
        if !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    chosen.sort_unstable();
    chosen.into_iter().map(|i| ids[i].clone()).collect()
}

fn list(ids: &[String]) -> String {
    let items: Vec<String> = ids.iter().map(|id| toml_string(id)).collect();
    format!("[{}]", items.join(", "))
}

fn generate(options: &Options) -> String {
    let mut rng = Rng::new(options.seed);
    let mut head = String::new();
    let _ = write!(
        head,
        "# Synthetic briefing for benchmarks and stress tests, made by examples/synth.rs\n\
         # (size {}, seed {}). The text is random words: do not read it for sense.\n\n\
         format = 1\n\n[briefing]\nid = {}\ntitle = {}\nsubtitle = {}\nsource = {}\nsummary = {}\n\n",
        options.size_label,
        options.seed,
        toml_string(&format!("synth-{}", options.size_label)),
        toml_string(&format!("Synthetic briefing ({})", options.size_label)),
        toml_string("Random words in the shape of an analysis, for load and layout tests"),
        toml_string(&format!(
            "examples/synth.rs --size {} --seed {}",
            options.size_label, options.seed
        )),
        toml_multi_line(&paragraph(&mut rng, 400)),
    );

    let target = options.bytes;
    let mut t = Tables::default();
    let mut index = 1;
    // Whole sections while one surely fits with room left for the factors and a last section.
    while target.saturating_sub(head.len() + t.len()) >= 12_000 {
        section(&mut rng, index, Shape::Normal, &mut t);
        index += 1;
    }

    // A last, smaller section tops the file up to the size asked for. Its body is sized by trial:
    // generate it and the factors, measure, adjust, from the same generator state each time.
    let size = |t: &Tables, factors: &str| (head.len() + t.len() + factors.len()) as isize;
    let start = (t.mark(), rng.clone());
    let factors_now = factors(&mut rng.clone(), &t);
    let mut budget = target as isize - size(&t, &factors_now);
    let factors = if budget < 1_400 && !t.section_ids.is_empty() {
        factors(&mut rng, &t)
    } else {
        let mut body = (budget - 1_100).max(216);
        let mut attempt = 0;
        loop {
            t.reset(start.0);
            rng = start.1.clone();
            section(&mut rng, index, Shape::Tail { body: body as usize }, &mut t);
            let factors = factors(&mut rng, &t);
            budget = target as isize - size(&t, &factors);
            attempt += 1;
            if budget.abs() < 64 || attempt == 6 || (body == 216 && budget < 0) {
                break factors;
            }
            body = (body + budget).max(216);
        }
    };

    let mut out = String::with_capacity(head.len() + t.len() + factors.len());
    out.push_str(&head);
    out.push_str(&t.sections);
    out.push_str(&t.claims);
    out.push_str(&t.counterpoints);
    out.push_str(&factors);
    out
}

/// The three `[[factor]]` tables, each citing a sample of the sections and claims in `t`.
fn factors(rng: &mut Rng, t: &Tables) -> String {
    let mut factors = String::new();
    for (id, title, question) in FACTORS {
        let sections = sample(rng, &t.section_ids, FACTOR_SAMPLE);
        let claims = sample(rng, &t.claim_ids, FACTOR_SAMPLE);
        let text = format!(
            "{} decides how far the rest can go. {}.",
            title,
            capitalize(&words(rng, 20, 40))
        );
        let _ = write!(
            factors,
            "[[factor]]\nid = {}\ntitle = {}\nquestion = {}\ntext = {}\nsections = {}\nclaims = {}\n\n",
            toml_string(id),
            toml_string(title),
            toml_string(question),
            toml_string(&text),
            list(&sections),
            list(&claims),
        );
    }
    factors
}
