//! "Did you mean": the one helper every phase uses to suggest a name.

/// The candidate closest to `name`, if it is close enough to be a likely typo.
/// Distance is counted in characters, so one wrong CJK character is one edit.
pub fn did_you_mean<'a, I>(name: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let target: Vec<char> = name.chars().collect();
    let mut best: Option<(usize, &str)> = None;
    for cand in candidates {
        if cand == name {
            continue;
        }
        let c: Vec<char> = cand.chars().collect();
        let d = levenshtein(&target, &c);
        let limit = (target.len().max(c.len()) / 3).max(1);
        if d <= limit && best.is_none_or(|(bd, bc)| d < bd || (d == bd && cand < bc)) {
            best = Some((d, cand));
        }
    }
    best.map(|(_, c)| c.to_string())
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn one_wrong_cjk_character_is_suggested() {
        let names = ["预算完成率", "预算调整率", "预算数"];
        assert_eq!(
            did_you_mean("预算完成律", names).as_deref(),
            Some("预算完成率")
        );
    }

    #[test]
    fn unrelated_names_are_not_suggested() {
        assert_eq!(did_you_mean("事故起数", ["预算完成率", "预算数"]), None);
    }

    #[test]
    fn ascii_typo() {
        assert_eq!(
            did_you_mean("budgt", ["budget", "rate"]).as_deref(),
            Some("budget")
        );
    }

    #[test]
    fn ties_break_alphabetically_for_stable_output() {
        assert_eq!(did_you_mean("ab", ["ac", "aa"]).as_deref(), Some("aa"));
    }
}
