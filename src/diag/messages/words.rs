//! Words used by reports and the REPL, and the batch summary line.

use super::*;

/// Words used by reports and the REPL (column heads, ledger labels).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Word {
    Indicator,
    Weight,
    Score,
    Rate,
    Total,
    Grade,
    Bonus,
    Penalty,
    Renormalised,
    VetoFired,
    /// Before the facts that made a veto's condition true.
    Because,
    RowFired,
    RowSkipped,
    Fact,
    Derived,
    NotApplicable,
    Vetoed,
    Base,
    Excess,
    Steps,
    Deducted,
    RateStep,
    Items,
    FloorAtZero,
    Raw,
    Rounded,
    Transferred,
    Capped,
    Excluded,
    FullMarks,
    Points,
    Year,
    Warnings,
    Clean,
    ErrorsFound,
    BatchRow,
    BatchUnit,
    BatchError,
    BatchExplain,
    Failures,
    Coverage,
    Hits,
    NotHit,
    Reported,
    Computed,
    /// Target tables: the columns as the scorecard and ledger show them.
    TableRow,
    TargetValue,
    ActualValue,
    DeviationReason,
    AssessorGiven,
    /// A 定性 row's band: `评分档 三档：80%（含）至 100%（含）`.
    BandSet,
    RangeTo,
    Inclusive,
    /// Partial documents: facts marked unknown and the ranges they leave.
    UnknownFacts,
    WouldSettle,
    /// `check --facts`: what one unknown fact would settle.
    WouldSettleEach,
    SettlesNothing,
    FactsAgree,
    DependsOn,
    AtLowest,
    AtHighest,
    Or,
    /// Shared caps: a 加分/减分 group's items summed, then capped.
    ItemsSum,
    WithinCap,
    NoDiscrepancies,
    HowComputed,
    /// `jixiao fmt`: a file rewritten / a file `--check` would rewrite.
    Reformatted,
    WouldReformat,
    /// `jixiao fmt` found that its result would not keep the rubric intact.
    FormatRefused,
    Old,
    New,
    GradeFlips,
    Mean,
    Min,
    Max,
    Units,
    Cause,
    WeightChanged,
    RulesChanged,
    IndicatorAdded,
    IndicatorRemoved,
    Changed,
    Unexplained,
    DefinitionChanged,
    GradesChanged,
    UnitName,
    /// The note on a template's unit column.
    UnitNameHint,
    /// Workbook output: the 自评表 and the batch workbook.
    Level1,
    Level2,
    Level3,
    Level4,
    Criteria,
    Actual,
    LossReason,
    GradeResult,
    SelfAssessment,
    UnitLabel,
    SheetResults,
    SheetSummary,
    SheetErrors,
    MeanLost,
    ErrorCode,
    ErrorCell,
    TotalNotSum,
    FailedItems,
    /// Templates: hints beside each input.
    HintPercent,
    HintBool,
    HintEnum,
    Higher,
    Lower,
    Positive,
    NonZero,
    NotNegative,
    Default,
    TemplateHint,
    /// Templates of target tables (指标表) and assessors' scores.
    TableRowsHint,
    ColGroups,
    ColName,
    ColKind,
    ColTarget,
    ColActual,
    ColWeight,
    ColScore,
    ColReason,
    ColUnit,
    PickHint,
    SheetFill,
    SheetInputs,
    Input,
    ReplBanner,
    HistoryIsLink,
    ReplHelp,
    ReplLoaded,
    ReplAdded,
    ReplSet,
    ReplUnset,
    ReplNotGiven,
    ReplNoChange,
    GoalLeast,
    GoalGreatest,
    GoalAlreadyMet,
    GoalKeptWithin,
    GoalUnreachable,
    GoalNotAffected,
    GoalBeyond,
    GoalBest,
    GoalPrecision,
    GoalSearched,
    GoalValues,
    GoalErrorsCountAsMiss,
    Now,
    ParenOpen,
    ParenClose,
    Comma,
    Semicolon,
    Colon,
}

impl Word {
    pub fn text(self, lang: Lang) -> &'static str {
        use Word::*;
        let (zh, en) = match self {
            Indicator => ("指标", "indicator"),
            Weight => ("分值", "weight"),
            Score => ("得分", "score"),
            Rate => ("得分率", "rate"),
            Total => ("总分", "total"),
            Grade => ("等级", "grade"),
            Bonus => ("加分", "bonus"),
            Penalty => ("减分", "penalty"),
            Renormalised => ("剔除不适用指标后折算", "renormalised after excluding n/a indicators"),
            VetoFired => ("一票否决", "veto"),
            Because => ("因为 ", "because "),
            RowFired => ("适用规则", "rule applied"),
            RowSkipped => ("条件未满足", "condition not met"),
            Fact => ("事实", "fact"),
            Derived => ("计算", "derived"),
            NotApplicable => ("不适用指标", "not applicable"),
            Vetoed => ("否决，得 0 分", "vetoed, scores 0"),
            Base => ("起始分", "starting points"),
            Excess => ("超出部分", "excess"),
            Steps => ("扣分步数", "steps"),
            Deducted => ("扣分", "deducted"),
            RateStep => ("得分比例", "rate"),
            Items => ("计数项", "items counted"),
            FloorAtZero => ("扣完为止，得分不低于 0", "floored at 0"),
            Raw => ("未舍入得分", "unrounded"),
            Rounded => ("舍入后得分", "rounded"),
            Transferred => ("转入分值后", "after transferred weight"),
            Capped => ("封顶", "capped at"),
            TableRow => ("行", "row"),
            TargetValue => ("年度指标值", "target"),
            ActualValue => ("实际完成值", "actual"),
            DeviationReason => ("偏差原因", "reason for deviation"),
            AssessorGiven => ("评审打分", "given by the assessor"),
            BandSet => ("评分档", "band set"),
            RangeTo => ("至", "to"),
            Inclusive => ("（含）", " (incl.)"),
            UnknownFacts => ("未取得的事实", "facts not given"),
            WouldSettle => ("；填写后即可确定得分", "; giving them would settle the score"),
            WouldSettleEach => ("填写后可确定", "would settle"),
            SettlesNothing => ("不影响任何得分", "no score (none depends on it)"),
            FactsAgree => ("事实与评分表相符", "the facts agree with the rubric"),
            DependsOn => ("取决于", "depends on"),
            AtLowest => ("得分最低时", "at the lowest total"),
            AtHighest => ("得分最高时", "at the highest total"),
            Or => ("或", " or "),
            ItemsSum => ("各项合计", "items' sum"),
            WithinCap => ("未超过上限", "within the cap"),
            Excluded => ("剔除", "excluded"),
            FullMarks => ("满分", "full marks"),
            Points => ("分", " points"),
            Year => ("年度", "year"),
            Warnings => ("警告", "warnings"),
            Clean => ("检查通过", "no problems found"),
            ErrorsFound => ("发现错误", "errors found"),
            BatchRow => ("行", "row"),
            BatchUnit => ("单位", "unit"),
            BatchError => ("错误", "error"),
            BatchExplain => ("说明", "explanation"),
            Failures => ("失败详情：", "failures:"),
            Coverage => ("分支覆盖", "branch coverage"),
            Hits => ("命中", "hits"),
            NotHit => ("没有用例命中的分支", "branches no case hit"),
            Reported => ("报告值", "reported"),
            Computed => ("计算值", "computed"),
            NoDiscrepancies => ("报告值与重新计算一致", "the reported figures match the rules"),
            HowComputed => ("按规则计算的过程", "how the rules compute it"),
            Reformatted => ("已格式化", "formatted"),
            WouldReformat => ("需要格式化", "would reformat"),
            FormatRefused => (
                "内部错误：格式化结果与原文的评分规则或注释不一致，文件未改动（请报告此问题）",
                "internal error: the formatted text would not keep the rules or comments intact; the file is left as it was (please report this)",
            ),
            Old => ("旧", "old"),
            New => ("新", "new"),
            GradeFlips => ("等级变化", "grade changes"),
            Mean => ("平均", "mean"),
            Min => ("最低", "min"),
            Max => ("最高", "max"),
            Units => ("单位数", "units"),
            Cause => ("原因", "cause"),
            WeightChanged => ("分值改变", "weight changed"),
            RulesChanged => ("评分规则改变", "rules changed"),
            IndicatorAdded => ("新增指标", "indicator added"),
            IndicatorRemoved => ("删除指标", "indicator removed"),
            Changed => ("得分改变", "scores changed"),
            Unexplained => ("无法归因", "unexplained"),
            DefinitionChanged => ("定义改变", "definition changed"),
            GradesChanged => ("等级划分改变", "grade bands changed"),
            UnitName => ("单位", "unit"),
            UnitNameHint => (
                "单位名称：每个单位填一行（表头也可写作“单位名称”或“部门名称”）",
                "the unit's name: one row per unit (the header may also read `单位名称` or `部门名称`)",
            ),
            HistoryIsLink => ("注意：历史文件是符号链接，为免改写它指向的文件，本次不读取也不保存历史：", "note: the history file is a symbolic link; to avoid rewriting what it points to, history is neither read nor saved this time:"),
            Level1 => ("一级指标", "level 1"),
            Level2 => ("二级指标", "level 2"),
            Level3 => ("三级指标", "level 3"),
            Level4 => ("四级指标", "level 4"),
            Criteria => ("评分标准", "scoring rule"),
            Actual => ("实际完成值", "actual values"),
            LossReason => ("扣分原因", "points lost because"),
            GradeResult => ("评价等级", "grade"),
            SelfAssessment => ("绩效自评表", "performance self-assessment"),
            UnitLabel => ("单位：", "Unit: "),
            SheetResults => ("结果", "results"),
            SheetSummary => ("汇总", "summary"),
            SheetErrors => ("错误", "errors"),
            MeanLost => ("平均失分", "mean points lost"),
            ErrorCode => ("代码", "code"),
            ErrorCell => ("单元格或列", "cell or column"),
            TotalNotSum => ("总分按评分表规则计算（剔除、封顶或否决），不是各项得分之和", "the total follows the rubric (exclusions, caps or vetoes), not the sum of the scores"),
            FailedItems => ("未满足", "not met"),
            HintPercent => ("填百分数，如 95%", "a percentage, e.g. 95%"),
            HintBool => ("填 是 或 否", "是 (yes) or 否 (no)"),
            HintEnum => ("填其中之一", "one of these"),
            Higher => ("正向（越高越好）", "higher is better"),
            Lower => ("反向（越低越好）", "lower is better"),
            Positive => ("须为正数", "must be positive"),
            NonZero => ("不能为 0", "must not be 0"),
            NotNegative => ("不小于 0%", "at least 0%"),
            Default => ("不填时取默认值", "default when left empty:"),
            TemplateHint => ("在引号中填写各项的值，然后运行 jixiao score 评分表.jx --facts 本文件", "fill in each value between the quotes, then run jixiao score RULES.jx --facts THIS_FILE"),
            TableRowsHint => ("每个指标一行：每行复制一段 [[…]] 再填写", "one row per target: copy one [[…]] block per row and fill it in"),
            ColGroups => ("原表的一级、二级指标（分类），可不填", "the form's level-1 and level-2 headings; may be left empty"),
            ColName => ("原表的三级指标（指标名称）；空白时自动命名", "the target's name (`三级指标`); a blank one is named automatically"),
            ColKind => ("指标性质：≥、≤、= 或 定性；也可写在指标值前，如 ≥95%", "≥, ≤, = or `定性` (qualitative); or before the target, e.g. ≥95%"),
            ColTarget => ("年度指标值，带单位，如 4000 人、95%", "the year's target with its unit, e.g. 4000 人, 95%"),
            ColActual => ("实际完成值，与指标值同一单位；定性行填所达档次", "the actual, in the target's unit; for `定性` rows the level reached"),
            ColWeight => ("分值；各行分值之和须等于指标表的分值", "the row's points; the rows' points add up to the table's"),
            ColScore => ("得分：定性行由评审在所达档次的区间内打分；其他行不填", "score: for `定性` rows the assessor's score within the level's range; else empty"),
            ColReason => ("偏差原因，可不填", "reason for a shortfall; may be left empty"),
            ColUnit => ("单位：批量评分时每行写明所属单位，与“填报”表的单位一致", "unit: for batch, each row names its unit as in the facts sheet"),
            PickHint => ("评审打分：在 0 至该指标分值之间", "the assessor's score, from 0 to the indicator's points"),
            SheetFill => ("填报", "facts"),
            SheetInputs => ("输入说明", "inputs"),
            Input => ("输入", "input"),
            ReplBanner => ("绩效评分表交互环境。输入 :help 查看命令，:quit 退出。", "jixiao REPL. Type :help for the commands, :quit to leave."),
            ReplHelp => (
                "命令（冒号后可写中文别名）：
  表达式                        按当前评分表和事实求值，带单位输出，如 预算完成率
  定义 名 = 表达式 / 指标 名 分值 { … }   加入会话；同名的定义或指标被替换
  :load 文件.jx      :载入     载入评分表（清空事实）
  :reload            :重载     重新读取评分表，保留事实
  :facts [文件]      :事实     载入事实文件；不带文件名时列出当前事实
  :set 名 = 值       :设       设定一个输入的值，如 :set 预算完成率 = 95%
  :unset 名          :清除     撤销设定的值
  :score [指标]      :得分     计分表，或一个指标及其下级
  :explain [指标]    :解释     逐项列出得分的来历
  :tree              :树       指标树及各指标读取的输入
  :type 表达式       :类型     表达式的类型与单位
  :whatif 名 = 值, …   :假如   假设这些值，列出变化的指标、总分和等级（不改变会话）
                               也可写表格行：表[N].列 = 值，或 表[N] = 列=值; 列=值
  :goal 目标 by 名   :目标     求输入“名”达到目标的最小（或最大）值；目标如 总分 >= 90、等级 = 优、预算完成率 >= 9
                               名也可以是 ≥ / ≤ 行的 表[N].实际完成值
  :help              :帮助     本说明
  :quit              :退出     退出",
                "Commands (each also has a Chinese alias):
  EXPRESSION                    evaluate against the rubric and facts, printed with its unit
  定义 name = expr / 指标 name weight { … }   add to the session; a definition or indicator of the same name is replaced
  :load FILE.jx      :载入     load a rubric (clears the facts)
  :reload            :重载     re-read the rubric, keeping the facts
  :facts [FILE]      :事实     load a facts file; without a file, list the facts
  :set NAME = VALUE  :设       set one input, e.g. :set 预算完成率 = 95%
  :unset NAME        :清除     remove a value set by hand
  :score [INDICATOR] :得分     the scorecard, or one indicator and its children
  :explain [IND]     :解释     the points ledger
  :tree              :树       the indicator tree and the inputs each indicator reads
  :type EXPRESSION   :类型     the type and unit of an expression
  :whatif NAME = VALUE, …  :假如  indicators, total and grade before → after (the session is unchanged)
                               rows too: TABLE[N].COLUMN = VALUE, or TABLE[N] = COLUMN=VALUE; COLUMN=VALUE
  :goal TARGET by NAME :目标   least (or greatest) value of input NAME reaching TARGET: 总分 >= 90, 等级 = 优, 预算完成率 >= 9
                               NAME may be TABLE[N].实际完成值 of a ≥ / ≤ row
  :help              :帮助     this text
  :quit              :退出     leave",
            ),
            ReplLoaded => ("已载入", "loaded"),
            ReplAdded => ("已加入会话", "added to the session"),
            ReplSet => ("已设定", "set"),
            ReplUnset => ("已清除", "unset"),
            ReplNotGiven => ("未给出", "not given"),
            ReplNoChange => ("没有指标得分变化", "no indicator score changes"),
            GoalLeast => ("最小值", "least value"),
            GoalGreatest => ("最大值", "greatest value"),
            GoalAlreadyMet => ("当前已达到目标", "the target is already met"),
            GoalKeptWithin => ("保持达标的取值范围", "values that keep it"),
            GoalUnreachable => ("无法达到", "unreachable"),
            GoalNotAffected => ("该输入不影响这一目标", "this input does not affect the target"),
            GoalBeyond => ("答案可能在搜索范围之外，可用“精度”放大步长再试", "the answer may lie outside the searched range; try a coarser `精度` (precision)"),
            GoalBest => ("在搜索范围内最好只能达到", "the best reachable in the searched range is"),
            GoalPrecision => ("精度", "precision"),
            GoalSearched => ("搜索范围", "searched range"),
            GoalValues => ("达到目标的取值", "values reaching the target"),
            GoalErrorsCountAsMiss => ("部分取值评分出错，按未达到计", "some values fail to score and count as misses"),
            Now => ("当前", "now"),
            ParenOpen => ("（", " ("),
            ParenClose => ("）", ")"),
            Comma => ("，", ", "),
            Semicolon => ("；", "; "),
            Colon => ("：", ": "),
        };
        if lang == Lang::Zh {
            zh
        } else {
            en
        }
    }
}

impl Word {
    /// `jixiao man NAME` for a NAME that is not a subcommand.
    pub fn unknown_subcommand(lang: Lang, name: &str, known: &str) -> String {
        if lang == Lang::Zh {
            format!("没有名为“{name}”的子命令（可用：{known}）")
        } else {
            format!("there is no subcommand `{name}` (available: {known})")
        }
    }
}

/// The line `jixiao test` prints before the cases of one file.
pub fn test_file_header(lang: Lang, cases: usize, path: &str) -> String {
    if lang == Lang::Zh {
        format!("运行 {cases} 个用例（{path}）")
    } else {
        let s = if cases == 1 { "" } else { "s" };
        format!("running {cases} case{s} ({path})")
    }
}

/// One case's outcome in `jixiao test` (`stem` is the case file's name).
pub fn test_case_line(lang: Lang, stem: &str, case: &str, ok: bool) -> String {
    match (lang, ok) {
        (Lang::Zh, true) => format!("用例“{case}”…… 通过"),
        (Lang::Zh, false) => format!("用例“{case}”…… 失败"),
        (Lang::En, true) => format!("test {stem}::{case} ... ok"),
        (Lang::En, false) => format!("test {stem}::{case} ... FAILED"),
    }
}

/// The closing lines of `jixiao test`: the verdict, then the counts.
pub fn test_summary(lang: Lang, passed: usize, failed: usize) -> String {
    let ok = failed == 0;
    match lang {
        Lang::Zh => format!(
            "测试结果：{}\n{passed} 通过，{failed} 失败",
            if ok { "通过" } else { "失败" }
        ),
        Lang::En => format!(
            "test result: {}\n{passed} passed, {failed} failed",
            if ok { "ok" } else { "FAILED" }
        ),
    }
}

/// A reported figure that differs from the rules' by no more than the
/// tolerance: said, so that a rounding difference is never hidden.
pub fn audit_within_tolerance(
    lang: Lang,
    what: &str,
    reported: &str,
    computed: &str,
    tolerance: &str,
) -> String {
    if lang == Lang::Zh {
        format!("{what}：报告为 {reported}，按规则计算为 {computed}，差额在容差 {tolerance} 以内")
    } else {
        format!("`{what}`: reported `{reported}`, the rules give `{computed}`; within the tolerance {tolerance}")
    }
}

/// The closing line of `jixiao audit`.
pub fn audit_summary(lang: Lang, compared: usize, tolerated: usize, problems: usize) -> String {
    match lang {
        Lang::Zh => {
            let mut s = format!("核对了 {compared} 个数字，发现 {problems} 个问题");
            if tolerated > 0 {
                s += &format!("，{tolerated} 个差额在容差以内");
            }
            s
        }
        Lang::En => {
            let figures = if compared == 1 { "figure" } else { "figures" };
            let d = if problems == 1 { "problem" } else { "problems" };
            let mut s = format!("{compared} {figures} compared, {problems} {d} found");
            if tolerated > 0 {
                s += &format!(", {tolerated} within the tolerance");
            }
            s
        }
    }
}

/// What `jixiao batch` says when SIGINT/SIGTERM stopped it: the output
/// was not written (a temporary file is removed), `rows` had been done.
pub fn batch_stopped(lang: Lang, rows: u64, output: Option<&str>) -> String {
    match (output, lang) {
        (Some(o), Lang::Zh) => {
            format!("运行被中断：已完成 {rows} 行，未写入“{o}”（原文件保持不变）")
        }
        (Some(o), Lang::En) => {
            format!("stopped: {rows} rows done, `{o}` was not written (any old file is unchanged)")
        }
        (None, Lang::Zh) => format!("运行被中断：已输出 {rows} 行，结果不完整"),
        (None, Lang::En) => format!("stopped: {rows} rows written, the results are incomplete"),
    }
}

/// A remark about how a data file was read: printed once, never an error.
#[derive(Clone, Debug, PartialEq)]
pub enum DataNote {
    /// Columns such as 序号 or 备注, read past.
    Ignored { names: Vec<String> },
    /// The file was GBK/GB18030, not UTF-8.
    Gbk { path: String },
    /// The sheet read and the row its header is on (0: names and values
    /// in two columns).
    Sheet { sheet: String, header_line: u32 },
    /// A number cell read as displayed rather than as stored.
    Shown {
        cell: String,
        stored: String,
        shown: String,
    },
    /// More such cells than were named.
    MoreShown { count: usize },
    /// A workbook kind whose number formats calamine does not give (.xls,
    /// .ods): numbers are read as stored.
    NoFormats { ext: String },
}

impl DataNote {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let body = match self {
            DataNote::Ignored { names } => {
                if zh {
                    format!("{}列不是评分表的输入，已跳过", quoted(names, zh))
                } else {
                    format!(
                        "columns {} are not inputs of the rubric; skipped",
                        quoted(names, zh)
                    )
                }
            }
            DataNote::Gbk { path } => {
                if zh {
                    format!("“{path}”不是 UTF-8 编码，已按 GBK（GB18030）读取")
                } else {
                    format!("`{path}` is not UTF-8; read as GBK (GB18030)")
                }
            }
            DataNote::Sheet {
                sheet,
                header_line: 0,
            } => {
                if zh {
                    format!("读取工作表“{sheet}”，按“名称/值”两列")
                } else {
                    format!("reading sheet `{sheet}` as two columns of names and values")
                }
            }
            DataNote::Sheet { sheet, header_line } => {
                if zh {
                    format!("读取工作表“{sheet}”，表头在第 {header_line} 行")
                } else {
                    format!("reading sheet `{sheet}`, header on row {header_line}")
                }
            }
            DataNote::Shown {
                cell,
                stored,
                shown,
            } => {
                if zh {
                    format!("{cell} 存储的值是 {stored}，显示为 {shown}，按显示的值读取")
                } else {
                    format!("{cell} holds {stored} but shows {shown}; read as shown")
                }
            }
            DataNote::MoreShown { count } => {
                if zh {
                    format!("另有 {count} 个单元格按显示的值读取")
                } else {
                    format!("{count} more cells read as shown")
                }
            }
            DataNote::NoFormats { ext } => {
                if zh {
                    format!("读不到单元格的数字格式（.{ext} 文件）：数字按存储的值读取，设为百分比格式、显示为 96.50% 的单元格读作 0.965；百分比请写成文本“96.5%”，或另存为 .xlsx")
                } else {
                    format!("cannot read the cells' number formats (a .{ext} file): numbers are read as stored, so a cell formatted as a percentage that shows 96.50% reads as 0.965; type percentages as text (\"96.5%\") or save the workbook as .xlsx")
                }
            }
        };
        if zh {
            format!("注：{body}")
        } else {
            format!("note: {body}")
        }
    }
}

/// `“a”、“b”` or `` `a`, `b` ``.
pub(super) fn quoted(names: &[String], zh: bool) -> String {
    if zh {
        names
            .iter()
            .map(|n| format!("“{n}”"))
            .collect::<Vec<_>>()
            .join("、")
    } else {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The name given to a target-table row whose 指标名称 cell is blank in the
/// form: visible, and the same in every language so cases can name it.
pub fn blank_row_name(row: usize) -> String {
    format!("（第{row}行，未填名称）")
}

/// The closing line of `jixiao batch`: every row read is either scored or failed.
pub fn batch_summary(lang: Lang, read: u64, scored: u64, failed: u64) -> String {
    if lang == Lang::Zh {
        format!("共读取 {read} 行：评分 {scored} 行，出错 {failed} 行")
    } else {
        format!("{read} rows read: {scored} scored, {failed} failed")
    }
}
