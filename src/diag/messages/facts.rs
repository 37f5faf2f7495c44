//! Wording of the E3xx/W3xx: facts and batch data messages, Chinese and English side by side.

use super::*;

pub(super) fn text(msg: &Msg, zh: bool) -> String {
    use Msg::*;
    match msg {
        MissingFact { name, expected } => {
            if zh {
                format!("缺少事实“{name}”（应为{expected}）")
            } else {
                format!("missing fact `{name}` (expected `{expected}`)")
            }
        }
        UnknownFact { name } => {
            if zh {
                format!("评分表没有声明输入“{name}”")
            } else {
                format!("the rubric declares no input `{name}`")
            }
        }
        AssessorNotAnIndicator { name } => {
            if zh {
                format!("[评审打分] 中的“{name}”不是由评审打分的指标")
            } else {
                format!("`{name}` in `[评审打分]` is not an indicator the assessor scores")
            }
        }
        TableNotRows { table } => {
            if zh {
                format!("指标表“{table}”的行应写成一组表格：TOML 用 [[{table}]]，JSON 用 [ {{…}}, … ]，且至少一行")
            } else {
                format!("the rows of target table `{table}` must be a list of tables: `[[{table}]]` in TOML, `[ {{…}}, … ]` in JSON, at least one")
            }
        }
        TableUnknownColumn { table, row, column } => {
            if zh {
                format!("指标表“{table}”第 {row} 行有未知的列“{column}”")
            } else {
                format!("row {row} of target table `{table}` has an unknown column `{column}`")
            }
        }
        TableCell {
            table,
            row,
            name,
            column,
            value,
            expected,
        } => {
            let expected = expected.text(zh);
            if zh {
                format!(
                    "指标表“{table}”第 {row} 行（{name}）的“{column}”为“{value}”，应为{expected}"
                )
            } else {
                format!("row {row} (`{name}`) of target table `{table}`: `{column}` is `{value}`, expected {expected}")
            }
        }
        TableRowUnits {
            table,
            row,
            name,
            target,
            actual,
        } => {
            if zh {
                format!("指标表“{table}”第 {row} 行（{name}）的指标值单位“{target}”与实际完成值单位“{actual}”不同")
            } else {
                format!("row {row} (`{name}`) of target table `{table}`: the target is in `{target}` but the actual is in `{actual}`")
            }
        }
        TableWeights {
            table,
            declared,
            sum,
        } => {
            if zh {
                format!("指标表“{table}”的分值为 {declared}，但各行分值合计 {sum}")
            } else {
                format!("target table `{table}` has weight {declared} but its rows' weights add up to {sum}")
            }
        }
        TableNoRule {
            table,
            row,
            name,
            kind,
        } => {
            if zh {
                format!("指标表“{table}”第 {row} 行（{name}）的指标性质为“{kind}”，但评分表没有规定这类行如何计分")
            } else {
                format!("row {row} (`{name}`) of target table `{table}` is of kind `{kind}`, but the rubric states no rule for such rows")
            }
        }
        TableScoreOutsideRange {
            table,
            row,
            name,
            score,
            lo,
            hi,
        } => {
            let (lo, hi) = (end(lo, zh), end(hi, zh));
            if zh {
                format!(
                    "指标表“{table}”第 {row} 行（{name}）的评审得分 {score} 不在 {lo} 至 {hi} 之间"
                )
            } else {
                format!("row {row} (`{name}`) of target table `{table}`: the assessor's score {score} is not between {lo} and {hi}")
            }
        }
        FactWrongUnit {
            name,
            expected,
            found,
        } => {
            if zh {
                format!("“{name}”的单位应为{expected}，却是{found}")
            } else {
                format!("`{name}` should be in `{expected}`, found `{found}`")
            }
        }
        FactNotNumber {
            name,
            value,
            expected,
        } => {
            if zh {
                format!("“{name}”的值“{value}”不是数字（应为{expected}）")
            } else {
                format!("the value `{value}` of `{name}` is not a number (expected `{expected}`)")
            }
        }
        FactMissingPercent { name, value } => {
            if zh {
                format!("“{name}”的值“{value}”缺少 %：写成 \"{value}%\"")
            } else {
                format!("the value `{value}` of `{name}` lacks %: write \"{value}%\"")
            }
        }
        FactNumberRange { name, value } => {
            if zh {
                format!("“{name}”的值“{value}”超出可精确表示的范围（最多 28 位有效数字），不能四舍五入后再用")
            } else {
                format!("the value `{value}` of `{name}` cannot be held exactly (at most 28 significant digits) and is not rounded")
            }
        }
        FactExponent { name, value } => {
            if zh {
                format!("“{name}”的值“{value}”用了科学计数法（e 表示 10 的幂）")
            } else {
                format!("the value `{value}` of `{name}` is in scientific notation (e for a power of 10)")
            }
        }
        FactSeparator { name, value } => {
            if zh {
                format!("“{name}”的值“{value}”中的千位分隔符“,”不是每三位一组")
            } else {
                format!("the thousands separators in the value `{value}` of `{name}` are not in groups of three")
            }
        }
        FactNotCount { name, value, unit } => {
            if zh {
                format!("“{name}”是计数（{unit}），值“{value}”却是小数或负数")
            } else {
                format!("`{name}` is a count (`{unit}`), but the value `{value}` is a fraction or negative")
            }
        }
        FactNotBool { name, value } => {
            if zh {
                format!("“{name}”的值“{value}”应为 是 或 否")
            } else {
                format!("the value `{value}` of `{name}` should be `是` (yes) or `否` (no)")
            }
        }
        FactNotVariant {
            name,
            value,
            variants,
        } => {
            let v = variants.join("、");
            if zh {
                format!("“{name}”的值“{value}”不在可选值中：{v}")
            } else {
                format!(
                    "the value `{value}` of `{name}` is not one of: {}",
                    backticked(variants)
                )
            }
        }
        FactsSyntax { format, detail } => {
            if zh {
                format!("{format} 格式错误：{}", library_detail_zh(detail))
            } else {
                format!("malformed {format}: {detail}")
            }
        }
        FactNotPositive { name, value } => {
            if zh {
                format!("“{name}”必须大于 0，却是 {value}")
            } else {
                format!("`{name}` must be greater than 0, found `{value}`")
            }
        }
        FactZero { name } => {
            if zh {
                format!("“{name}”不能为 0")
            } else {
                format!("`{name}` must not be 0")
            }
        }
        FactsFormat { path } => {
            if zh {
                format!("无法识别事实文件“{path}”的格式（支持 .toml、.json、.xlsx、.xlsm、.xls、.xlsb、.ods）")
            } else {
                format!("cannot tell the format of facts file `{path}` (.toml, .json, .xlsx, .xlsm, .xls, .xlsb and .ods are supported)")
            }
        }
        FactWrongType { name, expected } => {
            if zh {
                format!("“{name}”的值类型不对，应为{expected}")
            } else {
                format!("the value of `{name}` has the wrong type; expected `{expected}`")
            }
        }
        BatchRowWidth { found, expected } => {
            if zh {
                format!("这一行有 {found} 列，表头有 {expected} 列")
            } else {
                format!("this row has {found} fields, the header has {expected}")
            }
        }
        BatchBadRecord { detail } => {
            if zh {
                format!("这一行无法读取：{detail}")
            } else {
                format!("this row cannot be read: {detail}")
            }
        }
        BatchRowNotUtf8 => t(
            zh,
            "这一行无法读取：不是 UTF-8 编码",
            "this row cannot be read: it is not UTF-8",
        ),
        BatchRowTooLong { limit_mib } => {
            if zh {
                format!("这一行超过 {limit_mib} MiB，未读取")
            } else {
                format!("this row is longer than {limit_mib} MiB and was not read")
            }
        }
        BatchUnknownColumn { name, suggestion } => {
            let hint = if suggestion.is_empty() {
                String::new()
            } else if zh {
                format!("（是否应为“{suggestion}”？）")
            } else {
                format!(" (did you mean `{suggestion}`?)")
            };
            if zh {
                format!("表头中的“{name}”不是评分表声明的输入{hint}")
            } else {
                format!("column `{name}` is not an input of the rubric{hint}")
            }
        }
        BatchDuplicateColumn { name } => {
            if zh {
                format!("表头中“{name}”出现了不止一次")
            } else {
                format!("column `{name}` appears more than once in the header")
            }
        }
        BatchInputFormat { path } => {
            if zh {
                format!("无法识别批量数据文件“{path}”的格式（支持 .csv、.jsonl、.xlsx、.xlsm、.xls、.xlsb、.ods）")
            } else {
                format!("cannot tell the format of batch data file `{path}` (.csv, .jsonl, .xlsx, .xlsm, .xls, .xlsb and .ods are supported)")
            }
        }
        BatchMissingColumns { names } => {
            if zh {
                format!("表头中没有输入{}的列，每一行都无法评分", quoted(names, zh))
            } else {
                format!(
                    "the header has no column for {}, so no row can be scored",
                    quoted(names, zh)
                )
            }
        }
        BatchColumnMisspelt { name, suggestion } => {
            if zh {
                format!("表头中的“{name}”不是评分表声明的输入（是否应为“{suggestion}”？），已跳过这一列")
            } else {
                format!("column `{name}` is not an input of the rubric (did you mean `{suggestion}`?); the column is skipped")
            }
        }
        SheetNotFound { sheet, available } => {
            if zh {
                format!(
                    "工作簿中没有名为“{sheet}”的工作表（有：{}）",
                    available.join("、")
                )
            } else {
                format!(
                    "the workbook has no sheet named `{sheet}` (it has: {})",
                    quoted(available, zh)
                )
            }
        }
        SheetUnreadable { path, detail } => {
            if zh {
                format!("无法读取工作簿“{path}”：{detail}")
            } else {
                format!("cannot read workbook `{path}`: {detail}")
            }
        }
        SheetNotOneUnit { sheet, rows } => {
            if zh {
                format!(
                    "工作表“{sheet}”有 {rows} 行数据，评分一个单位需要正好一行（或“名称/值”两列）"
                )
            } else {
                format!("sheet `{sheet}` has {rows} data rows; scoring one unit needs exactly one (or two columns of name and value)")
            }
        }
        RowsNoHeader { table } => {
            if zh {
                format!("行文件的前 50 行中没有指标表“{table}”的表头（三级指标、指标性质、年度指标值、实际完成值……）")
            } else {
                format!("no row among the first 50 of the rows file is a header of target table `{table}` (`三级指标`, `指标性质`, `年度指标值`, `实际完成值` …)")
            }
        }
        RowsUnknownTable { name, tables } if name.is_empty() => {
            if zh {
                format!(
                    "评分表的指标表不止一个或没有（有：{}），--rows 要写明表名",
                    quoted(tables, zh)
                )
            } else {
                format!("the rubric has no target table or more than one (it has: {}); name it in `--rows`", quoted(tables, zh))
            }
        }
        RowsUnknownTable { name, tables } => {
            if zh {
                format!("评分表没有指标表“{name}”（有：{}）", quoted(tables, zh))
            } else {
                format!(
                    "the rubric has no target table `{name}` (it has: {})",
                    quoted(tables, zh)
                )
            }
        }
        RowsUnknownUnit { table, unit, place } => {
            if zh {
                format!("指标表“{table}”的行（{place}）属于单位“{unit}”，但事实中没有这个单位")
            } else {
                format!("rows of target table `{table}` ({place}) belong to unit `{unit}`, which no facts row names")
            }
        }
        RowsNoUnit { table } => {
            if zh {
                format!("指标表“{table}”的行文件没有写明单位（没有单位列，或这一行的单位为空），无法与事实中的单位对应")
            } else {
                format!("the rows file of target table `{table}` names no unit here (no `单位` column, or a blank one), so the row cannot be joined to a facts row")
            }
        }
        RowsDuplicateUnit { unit } => {
            if zh {
                format!("事实中单位“{unit}”出现不止一次，指标表的行无法对应")
            } else {
                format!("unit `{unit}` appears more than once in the facts, so its table rows cannot be joined")
            }
        }
        RowsGivenTwice { table, unit, place } => {
            if zh {
                format!("单位“{unit}”的指标表“{table}”已在事实中写出，行文件（{place}）又给出了它的行，不知以哪处为准")
            } else {
                format!("the facts of unit `{unit}` write target table `{table}`, and the rows file ({place}) gives its rows too: which would count is unclear")
            }
        }
        TableNoSuchRow { table, row, rows } => {
            if zh {
                format!(
                    "指标表“{table}”没有第 {row} 行（现有 {rows} 行，第 {} 行为新增一行）",
                    rows + 1
                )
            } else {
                format!(
                    "target table `{table}` has no row {row} (it has {rows}; row {} adds one)",
                    rows + 1
                )
            }
        }
        ConstraintViolated { values } => {
            if zh {
                format!("事实不满足评分表的约束：{}", values.join("，"))
            } else {
                format!(
                    "the facts break a constraint of the rubric: {}",
                    backticked(values)
                )
            }
        }
        BoundSplits {
            fact,
            bound,
            split,
            a,
            sa,
            b,
            sb,
        } => {
            if zh {
                format!("“{fact}”只知道 {bound}，而得分在 {split} 处分开：取 {a} 时总分 {sa}，取 {b} 时总分 {sb}")
            } else {
                format!("`{fact}` is only known as `{bound}`, and the score splits at `{split}`: `{a}` gives a total of {sa}, `{b}` gives {sb}")
            }
        }
        BoundNotExact {
            fact,
            bound,
            indicator,
        } => {
            if zh {
                format!("“{fact}”只知道 {bound}，但“{indicator}”在这个范围内按确切值计分")
            } else {
                format!("`{fact}` is only known as `{bound}`, but `{indicator}` scores its exact value within that range")
            }
        }
        BoundEmpty { fact, bound } => {
            if zh {
                format!("“{fact}”给出的范围 {bound} 内没有它可以取的值")
            } else {
                format!("the range `{bound}` given for `{fact}` contains no value it may take")
            }
        }
        BoundNotNumeric { fact } => {
            if zh {
                format!("“{fact}”不是数值，不能只给出范围")
            } else {
                format!("`{fact}` is not a number, so it cannot be given as a bound")
            }
        }
        BoundTooMany { count } => {
            if zh {
                format!("只知道范围的事实太多（{count} 项），无法逐一核对所有组合")
            } else {
                format!(
                    "too many facts are given only as bounds ({count}) to check every combination"
                )
            }
        }
        UnknownInexact {
            fact,
            indicator,
            why,
        } => {
            let how = unknown_use(why, zh);
            if zh {
                format!("“{fact}”未取得，但“{indicator}”{how}，无法给出确切的得分范围")
            } else {
                format!("`{fact}` is marked unknown, but `{indicator}` {how}, so no exact score range can be given")
            }
        }
        UnknownTooMany {
            count,
            combinations,
        } => {
            if zh {
                format!("未取得的事实太多（{count} 项，{combinations} 种取值组合），无法逐一计分")
            } else {
                format!("too many facts are marked unknown ({count}, {combinations} combinations of values) to score every combination")
            }
        }
        _ => unreachable!("{} is not a facts message", msg.code()),
    }
}

/// What a rule does with an unknown fact that has no exact range (E348).
fn unknown_use(why: &UnknownUse, zh: bool) -> String {
    use UnknownUse::*;
    match why {
        Computes => t(zh, "按它的确切值计算", "computes with its exact value"),
        Product => t(zh, "用它乘以含它的式子（如 x × x）", "multiplies it by an expression of itself (such as x × x)"),
        Quotients => t(zh, "把含它的两个商相加或相除", "adds or divides two quotients that contain it"),
        Divisor => t(zh, "用它计算的除数可能为零", "divides by an expression of it that may be zero"),
        Rounding => t(zh, "对含它的式子取整（取整、向上取整、四舍五入）", "rounds an expression of it (floor, ceil, round)"),
        OtherUnknown(other) => {
            if zh {
                format!("把它与同样未取得的“{other}”一起计算")
            } else {
                format!("computes with it together with `{other}`, which is unknown too")
            }
        }
        NotNumber => t(zh, "在计算中用到非数值", "uses a value that is not a number in arithmetic"),
        Deduction => t(zh, "按它逐档扣分，但扣分没有下限（未写扣完为止）或基数、每档分值取决于事实", "deducts per step of it without a floor (no 扣完为止) or with a base or points per step that depend on facts"),
        RowKind => t(zh, "以清单、定性或匹配行计算它", "computes with it in a checklist, qualitative or match row"),
        Transfer => t(zh, "按它计算的得分会因“转给”而折算", "computes with it in points that a 转给 policy rescales"),
        Steps(n) => {
            if zh {
                format!("随它变化的得分台阶太多（超过 {n} 个）")
            } else {
                format!("has too many score steps as it varies (more than {n})")
            }
        }
        Overflow => t(zh, "用它计算时超出确切运算的范围", "computes with it beyond the range of exact arithmetic"),
    }
}

pub(super) fn help(msg: &Msg, zh: bool) -> Option<String> {
    use Msg::*;
    let s = match msg {
        FactNotVariant { .. } => t(zh, "改为列出的取值之一，或在规则文件的类型中加上这个取值", "use one of the listed values, or add this value to the type in the rubric"),
        FactsFormat { .. } => t(zh, "事实文件以 .toml、.json 或 .xlsx 结尾", "name the facts file with .toml, .json or .xlsx"),
        BatchMissingColumns { .. } => t(zh, "在表头加上这些列（列名与评分表中“输入”的名称相同），或在评分表中给这些输入默认值", "add these columns to the header, named as the rubric's inputs, or give the inputs a default in the rubric"),
        BatchColumnMisspelt { suggestion, .. } => {
            if zh {
                format!("若这一列是“{suggestion}”，把表头改为“{suggestion}”")
            } else {
                format!("if the column is `{suggestion}`, rename the header to `{suggestion}`")
            }
        }
        SheetNotFound { .. } => t(zh, "用 --sheet 指定列出的工作表之一", "pass one of the listed sheets with --sheet"),
        SheetUnreadable { .. } => t(zh, "用 Excel 或 WPS 打开后另存为 .xlsx 再试", "open it in Excel or WPS, save it as .xlsx and try again"),
        SheetNotOneUnit { .. } => t(zh, "多个单位请用 jixiao batch；或用 --sheet 选择只有一个单位的工作表", "use jixiao batch for many units, or pick a sheet with one unit with --sheet"),
        MissingFact { .. } => t(zh, "在事实文件中补上该项，或在规则中用“默认”给出默认值", "add it to the facts file, or give it a `默认` (default) in the rubric"),
        UnknownFact { .. } => t(zh, "检查名称是否写错，或在评分表中声明该输入", "check the spelling, or declare the input in the rubric"),
        FactWrongUnit { .. } => t(zh, "写成带单位的字符串，例如 \"6,702 万元\"", "write it with its unit, e.g. \"6,702 万元\""),
        FactNotNumber { .. } => t(zh, "例如：6702、\"6,702 万元\"、\"85.8%\"", "e.g. 6702, \"6,702 万元\", \"85.8%\""),
        FactMissingPercent { .. } => t(zh, "百分比要写出 %：不带 % 的 0.858 和 85.8 都可能指 85.8%", "write the % sign: without it, 0.858 and 85.8 could both mean 85.8%"),
        FactNumberRange { .. } => t(zh, "核对原始数据，去掉多余的位数（或换用更大的单位，如 万元、亿元）", "check the source figure and drop the surplus digits (or use a larger unit such as `万元` or `亿元`)"),
        FactExponent { .. } => t(zh, "写出完整的数字，如 1000 而不是 1e3（Excel：把单元格格式设为“数值”后再导出）", "write the number out, e.g. 1000 rather than 1e3 (Excel: format the cells as Number before exporting)"),
        FactSeparator { .. } => t(zh, "小数点用“.”，如 1.5；千位分隔每三位一组，如 1,500", "use `.` for a decimal point, e.g. 1.5; thousands separators go every three digits, e.g. 1,500"),
        FactNotCount { .. } => t(zh, "计数须为不小于 0 的整数；声明中没有允许小数或负数的写法，确需时把该输入声明为“数”", "a count is a whole number of at least 0; no declaration allows fractions or negatives, so declare the input as `数` (number) if it needs them"),
        FactNotBool { .. } => t(zh, "写“是”或“否”（或 true/false）", "write `是` or `否` (or `true`/`false`)"),
        ConstraintViolated { .. } => t(zh, "核对事实文件中这些数字的出处", "check where these figures come from"),
        AssessorNotAnIndicator { .. } => t(zh, "只列出写了“评审打分”或分数区间（如 则 9-8）的指标", "list only indicators with `评审打分` or a score range such as `则 9-8`"),
        TableNotRows { table } => {
            if zh {
                format!("每行写成一个 [[{table}]] 表，含 指标名称、指标性质、年度指标值、实际完成值")
            } else {
                format!("write each row as a `[[{table}]]` table with `指标名称`, `指标性质`, `年度指标值`, `实际完成值`")
            }
        }
        TableUnknownColumn { .. } => t(zh, "可用的列：一级指标、二级指标、指标名称、指标性质、年度指标值、实际完成值、分值、得分、偏差原因", "the columns are `一级指标`, `二级指标`, `指标名称`, `指标性质`, `年度指标值`, `实际完成值`, `分值`, `得分`, `偏差原因`"),
        TableCell { .. } => t(zh, "按原表填写该格，例如 年度指标值 = \"4000 人\"、指标性质 = \"≥\"", "fill the cell as the form prints it, e.g. `年度指标值 = \"4000 人\"`, `指标性质 = \"≥\"`"),
        TableRowUnits { .. } => t(zh, "指标值与实际完成值须用同一单位（万元与元可换算）", "write the target and the actual in the same unit (`万元` and `元` convert)"),
        TableWeights { .. } => t(zh, "核对各行分值；或在评分表中写“分值 均分”", "check the rows' weights, or write `分值 均分` in the rubric"),
        TableNoRule { .. } => t(zh, "在指标表中写明规则，例如：等于 未达到 得 0%；定性 达成 100%，未达成 0%", "state the rule in the table, e.g. `等于 未达到 得 0%`; `定性 达成 100%，未达成 0%`"),
        TableScoreOutsideRange { .. } => t(zh, "在该行的“得分”中填入所选档次范围内的分数", "enter a score within the level's range in the row's `得分`"),
        RowsNoHeader { .. } => t(zh, "表头一行写出列名：三级指标、指标性质、年度指标值、实际完成值、分值（可用 jixiao template --format csv 生成）", "write a header row naming the columns: `三级指标`, `指标性质`, `年度指标值`, `实际完成值`, `分值` (`jixiao template --format csv` writes one)"),
        RowsUnknownTable { .. } => t(zh, "写成 --rows 表名=文件，表名为评分表中“指标表”的名称", "write `--rows NAME=FILE`, NAME being a `指标表` of the rubric"),
        RowsUnknownUnit { .. } => t(zh, "核对单位名称是否与事实文件中的写法完全一致", "check that the unit is written exactly as in the facts file"),
        RowsNoUnit { .. } => t(zh, "批量评分时，行文件要有“单位”列，每行写明所属单位", "for batch, the rows file needs a `单位` column naming each row's unit"),
        RowsDuplicateUnit { .. } => t(zh, "每个单位在事实中只写一行", "give each unit one facts row"),
        RowsGivenTwice { .. } => t(zh, "只在一处给出：删去事实中的指标表（[[表名]] 或 JSON 数组），或删去行文件中该单位的行", "give them in one place: remove the table from the facts (`[[表名]]` or a JSON array) or that unit's rows from the rows file"),
        TableNoSuchRow { .. } => t(zh, "写成 :set 表名[行号] = 列=值; 列=值，或 :set 表名[行号].列 = 值；:facts 列出现有的行", "write `:set TABLE[N] = COLUMN=VALUE; COLUMN=VALUE` or `:set TABLE[N].COLUMN = VALUE`; `:facts` lists the rows"),
        BoundSplits { .. } | BoundNotExact { .. } => t(zh, "给出确切值，或给出更窄的范围", "give the exact value or a narrower bound"),
        UnknownInexact { .. } => t(zh, "填写这个事实的值；未取得时，只有把它与常数比较、或按它的一次式（及一次式之比）计算的规则才能给出确切范围", "give this fact's value; while it is unknown, only rules that compare it with constants or compute with it linearly (or as a ratio of linear expressions) give an exact range"),
        UnknownTooMany { .. } => t(zh, "填写其中几项事实的值，未取得的越少，要核对的组合越少", "give the values of some of these facts; fewer unknowns mean fewer combinations to score"),
        _ => return None,
    };
    Some(s)
}
