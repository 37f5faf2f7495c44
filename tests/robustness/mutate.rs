//! Mutations of real rule and facts files, driven by a small seeded PRNG so
//! that a failing input can be regenerated from its seed.

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        // xorshift64*: enough for choosing mutations, and reproducible.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Fragments that the grammar cares about, full-width ones first: inserting
/// them is how a real author breaks a file.
const INSERTS: &[&str] = &[
    "（",
    "）",
    "｛",
    "｝",
    "：",
    "，",
    "；",
    "。",
    "＝",
    "＞",
    "＜",
    "％",
    "“",
    "”",
    "「",
    "」",
    "、",
    "　",
    "（含）",
    "－",
    "＋",
    "×",
    "÷",
    "｜",
    "≥",
    "≤",
    "(",
    ")",
    "{",
    "}",
    ":",
    ",",
    "=",
    ">",
    "<",
    "%",
    "\"",
    "|",
    "-",
    "+",
    "*",
    "/",
    "\t",
    "\n",
    " ",
    "如果",
    "则",
    "否则",
    "指标",
    "输入",
    "定义",
    "在",
    "和",
    "之间",
    "以上",
    "以下",
    "且",
    "或",
    "非",
    "得分",
    "=",
    "扣完为止",
    "（按整步）",
    "每",
    "扣",
    "从",
    "清单",
    "对照",
    "定性",
    "不适用",
    "一票否决",
    "分值",
    "100%",
    "0",
    "0.1",
    "9",
    "万元",
    "99999999999999999999999999999",
    "0.0000000000000000000000000001",
    "#",
    "//",
    "\u{FEFF}",
    "\u{0}",
    "é",
    "😀",
    "\r",
];

fn char_bounds(s: &str) -> Vec<usize> {
    s.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect()
}

/// Apply one to four random mutations.
pub fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut s = text.to_string();
    for _ in 0..=rng.below(4) {
        s = mutate_once(&s, rng);
    }
    s
}

fn mutate_once(s: &str, rng: &mut Rng) -> String {
    let b = char_bounds(s);
    let n = b.len() - 1;
    let at = b[rng.below(b.len())];
    let span = |rng: &mut Rng| {
        let i = rng.below(n.max(1));
        let j = (i + 1 + rng.below(8)).min(n);
        (b[i.min(n)], b[j])
    };
    match rng.below(12) {
        10 | 11 => {
            // Replace one number by an extreme one: limits and overflow paths.
            const EXTREME: &[&str] = &[
                "999999999999999",
                "1000000000000000",
                "0.000000000000000000000001",
                "79228162514264337593543950335",
                "0",
                "0.0",
                "-1",
                "100000000000000000000000000000000",
                "12345678901234.5678901234",
            ];
            let digits: Vec<usize> = s
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            if digits.is_empty() {
                return s.to_string();
            }
            let i = digits[rng.below(digits.len())];
            let numeric = |c: char| c.is_ascii_digit() || c == '.';
            let start = s[..i]
                .char_indices()
                .rev()
                .find(|(_, c)| !numeric(*c))
                .map(|(k, c)| k + c.len_utf8())
                .unwrap_or(0);
            let end = s[i..]
                .find(|c: char| !numeric(c))
                .map(|k| i + k)
                .unwrap_or(s.len());
            format!("{}{}{}", &s[..start], rng.pick(EXTREME), &s[end..])
        }
        0 => {
            let (i, j) = span(rng);
            format!("{}{}", &s[..i], &s[j..])
        }
        1 => {
            let (i, j) = span(rng);
            format!("{}{}{}", &s[..j], &s[i..j], &s[j..])
        }
        2 if n >= 2 => {
            let i = rng.below(n - 1);
            let (a, m, e) = (b[i], b[i + 1], b[i + 2]);
            format!("{}{}{}{}", &s[..a], &s[m..e], &s[a..m], &s[e..])
        }
        3 | 4 => {
            let ins = rng.pick(INSERTS);
            format!("{}{}{}", &s[..at], ins, &s[at..])
        }
        5 => s[..at].to_string(),
        6..=8 => {
            let mut lines: Vec<&str> = s.split('\n').collect();
            let l = lines.len();
            let i = rng.below(l);
            match rng.below(3) {
                0 => {
                    lines.remove(i);
                }
                1 => lines.insert(i, lines[i]),
                _ => lines.swap(i, rng.below(l)),
            }
            lines.join("\n")
        }
        _ => {
            // Replace a character by a random one, sometimes far outside ASCII.
            let c = char::from_u32(rng.below(0x3_0000) as u32).unwrap_or('?');
            let (i, j) = (at, b.iter().copied().find(|&x| x > at).unwrap_or(at));
            format!("{}{}{}", &s[..i], c, &s[j..])
        }
    }
}
