//! What each header cell of a data table is: an input, the unit's name, a
//! column people keep beside the data (序号, 备注), or a stranger. Shared by
//! CSV and spreadsheet input so that both accept the same headers.

use crate::check::Checked;
use crate::diag::did_you_mean;

/// Column names that name the department rather than a fact.
pub const LABELS: [&str; 6] = ["单位", "unit", "名称", "name", "单位名称", "部门名称"];
/// Columns kept for people, never facts: read past, named once in a note.
pub const IGNORED: [&str; 3] = ["序号", "备注", "说明"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    Input(usize),
    /// An indicator whose score the assessor gives (评审打分), by name.
    Pick,
    Label,
    Ignored,
    /// Not an input, but close to one: probably a misspelling.
    Misspelt(String),
    Unknown,
    Empty,
}

#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub roles: Vec<Role>,
    /// Inputs without a default that no column gives.
    pub missing: Vec<String>,
}

pub fn clean(name: &str) -> &str {
    name.trim().trim_start_matches('\u{feff}').trim()
}

/// A declared input wins over the reserved names, so a rubric may still
/// declare an input called 名称 or 说明.
pub fn role(c: &Checked, name: &str) -> Role {
    let name = clean(name);
    if name.is_empty() {
        return Role::Empty;
    }
    if let Some(s) = c.fact_slot(name) {
        return Role::Input(s as usize);
    }
    if c.indicator_named(name).is_some_and(|i| c.has_pick(i)) {
        return Role::Pick;
    }
    if LABELS.contains(&name) {
        return Role::Label;
    }
    if IGNORED.contains(&name) {
        return Role::Ignored;
    }
    match did_you_mean(name, c.facts.iter().map(|f| f.name.as_str())) {
        Some(s) => Role::Misspelt(s),
        None => Role::Unknown,
    }
}

pub fn plan(c: &Checked, header: &[&str]) -> Plan {
    let roles: Vec<Role> = header.iter().map(|h| role(c, h)).collect();
    let missing = c
        .facts
        .iter()
        .enumerate()
        .filter(|(s, f)| f.default.is_none() && !roles.contains(&Role::Input(*s)))
        .map(|(_, f)| f.name.clone())
        .collect();
    Plan { roles, missing }
}

impl Plan {
    /// The names of the ignored columns, in order, once each.
    pub fn ignored<'h>(&self, header: &[&'h str]) -> Vec<&'h str> {
        let mut out: Vec<&str> = Vec::new();
        for (r, h) in self.roles.iter().zip(header) {
            if *r == Role::Ignored && !out.contains(&clean(h)) {
                out.push(clean(h));
            }
        }
        out
    }

    /// Columns the row reader should read past (ignored or misspelt).
    pub fn skip(&self) -> Vec<bool> {
        self.roles
            .iter()
            .map(|r| matches!(r, Role::Ignored | Role::Misspelt(_)))
            .collect()
    }
}
