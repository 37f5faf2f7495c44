//! `jixiao lsp`: a language server over stdio for rule files. Diagnostics
//! are exactly `jixiao check`'s (codes, wording, lints) in the chosen
//! language, with UTF-16 ranges; hover, completion, go to definition,
//! document symbols, and a code lens that scores the file with the facts
//! file beside it. Built on lsp-server (rust-analyzer's transport).

mod analysis;
mod features;
mod lens;
mod position;

use std::collections::HashMap;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{self as notif, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeLens, CodeLensOptions, Command, CompletionOptions, CompletionResponse,
    DocumentSymbolResponse, ExecuteCommandOptions, GotoDefinitionResponse, Location,
    PublishDiagnosticsParams, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, Url,
};

use crate::check::Checked;
use crate::diag::Lang;
use analysis::Analysis;

pub const SCORE_COMMAND: &str = "jixiao.scoreWithFacts";

struct Doc {
    analysis: Analysis,
    /// The last version that compiled, so completion keeps working while a
    /// line is half typed.
    last_good: Option<Checked>,
}

impl Doc {
    fn checked(&self) -> Option<&Checked> {
        self.analysis.checked.as_ref().or(self.last_good.as_ref())
    }
}

struct Server<'a> {
    conn: &'a Connection,
    lang: Lang,
    docs: HashMap<Url, Doc>,
}

pub fn run(lang: Lang) -> i32 {
    let (conn, io) = Connection::stdio();
    let code = match serve(&conn, lang) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("jixiao lsp: {e}");
            1
        }
    };
    drop(conn);
    if io.join().is_err() {
        return 1;
    }
    code
}

/// `jixiao fmt` as one whole-document edit; none when the text does not
/// parse (its diagnostics are already shown) or the formatter could not keep
/// it intact, an empty list when it is formatted.
fn formatting(a: &analysis::Analysis) -> Option<Vec<lsp_types::TextEdit>> {
    let ast = crate::syntax::parse(&a.text, a.file).ok()?;
    let new_text = crate::syntax::format_verified(&ast, &a.text)?;
    if new_text == a.text {
        return Some(Vec::new());
    }
    let range = a.range(crate::syntax::Span::new(a.file, 0, a.text.len()));
    Some(vec![lsp_types::TextEdit { range, new_text }])
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(true.into()),
        completion_provider: Some(CompletionOptions::default()),
        definition_provider: Some(lsp_types::OneOf::Left(true)),
        document_symbol_provider: Some(lsp_types::OneOf::Left(true)),
        document_formatting_provider: Some(lsp_types::OneOf::Left(true)),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![SCORE_COMMAND.into()],
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn serve(conn: &Connection, lang: Lang) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let init = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo { name: "jixiao".into(), version: Some(env!("CARGO_PKG_VERSION").into()) },
    });
    let (id, _params) = conn.initialize_start()?;
    conn.initialize_finish(id, init)?;
    let mut server = Server {
        conn,
        lang,
        docs: HashMap::new(),
    };
    for msg in &conn.receiver {
        match msg {
            Message::Request(r) => {
                if conn.handle_shutdown(&r)? {
                    return Ok(());
                }
                let resp = server.request(r);
                conn.sender.send(Message::Response(resp))?;
            }
            Message::Notification(n) => server.notification(n)?,
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn params<R: req::Request>(r: &Request) -> Result<R::Params, Response> {
    serde_json::from_value(r.params.clone()).map_err(|e| {
        Response::new_err(r.id.clone(), ErrorCode::InvalidParams as i32, e.to_string())
    })
}

fn ok<T: serde::Serialize>(r: &Request, value: T) -> Response {
    Response::new_ok(r.id.clone(), value)
}

impl Server<'_> {
    fn request(&mut self, r: Request) -> Response {
        match self.answer(&r) {
            Ok(resp) | Err(resp) => resp,
        }
    }

    fn answer(&mut self, r: &Request) -> Result<Response, Response> {
        let lang = self.lang;
        Ok(match r.method.as_str() {
            req::HoverRequest::METHOD => {
                let p = params::<req::HoverRequest>(r)?;
                let pos = p.text_document_position_params;
                let hover = self
                    .at(&pos.text_document.uri, pos.position)
                    .and_then(|(doc, c, byte)| features::hover(&doc.analysis, c, byte, lang));
                ok(r, hover)
            }
            req::Completion::METHOD => {
                let p = params::<req::Completion>(r)?;
                let items = match self
                    .docs
                    .get(&p.text_document_position.text_document.uri)
                    .and_then(Doc::checked)
                {
                    Some(c) => features::completion(c, lang),
                    None => features::keywords(lang),
                };
                ok(r, CompletionResponse::Array(items))
            }
            req::GotoDefinition::METHOD => {
                let p = params::<req::GotoDefinition>(r)?;
                let pos = p.text_document_position_params;
                let uri = pos.text_document.uri.clone();
                let target = self.at(&uri, pos.position).and_then(|(doc, c, byte)| {
                    features::definition(&doc.analysis, c, byte).map(|s| doc.analysis.range(s))
                });
                ok(
                    r,
                    target.map(|range| GotoDefinitionResponse::Scalar(Location::new(uri, range))),
                )
            }
            req::DocumentSymbolRequest::METHOD => {
                let p = params::<req::DocumentSymbolRequest>(r)?;
                let syms = self.docs.get(&p.text_document.uri).and_then(|d| {
                    d.analysis
                        .checked
                        .as_ref()
                        .map(|c| features::symbols(&d.analysis, c, lang))
                });
                ok(r, syms.map(DocumentSymbolResponse::Nested))
            }
            req::Formatting::METHOD => {
                let p = params::<req::Formatting>(r)?;
                let edits = self
                    .docs
                    .get(&p.text_document.uri)
                    .and_then(|d| formatting(&d.analysis));
                ok(r, edits)
            }
            req::CodeLensRequest::METHOD => {
                let p = params::<req::CodeLensRequest>(r)?;
                ok(r, self.lenses(&p.text_document.uri))
            }
            req::ExecuteCommand::METHOD => {
                let p = params::<req::ExecuteCommand>(r)?;
                let uri = p
                    .arguments
                    .first()
                    .and_then(|v| serde_json::from_value::<Url>(v.clone()).ok());
                let result = uri.and_then(|u| self.score(&u));
                if let Some(res) = &result {
                    let _ = self
                        .conn
                        .sender
                        .send(Message::Notification(Notification::new(
                            notif::ShowMessage::METHOD.into(),
                            lsp_types::ShowMessageParams {
                                typ: lsp_types::MessageType::INFO,
                                message: res.title.clone(),
                            },
                        )));
                }
                ok(
                    r,
                    result.map(|res| {
                        serde_json::json!({
                            "facts": res.facts.display().to_string(),
                            "total": res.total,
                            "grade": res.grade,
                            "title": res.title,
                        })
                    }),
                )
            }
            _ => Response::new_err(
                r.id.clone(),
                ErrorCode::MethodNotFound as i32,
                format!("{} is not supported", r.method),
            ),
        })
    }

    /// The document, its checked rubric and the byte offset of a position.
    fn at(&self, uri: &Url, pos: lsp_types::Position) -> Option<(&Doc, &Checked, usize)> {
        let doc = self.docs.get(uri)?;
        let c = doc.checked()?;
        let byte = doc.analysis.index.offset(&doc.analysis.text, pos);
        Some((doc, c, byte))
    }

    fn score(&self, uri: &Url) -> Option<lens::LensResult> {
        let c = self.docs.get(uri)?.analysis.checked.as_ref()?;
        let path = uri.to_file_path().ok()?;
        let facts = lens::facts_beside(&path)?;
        Some(lens::score_with(c, &facts, self.lang))
    }

    fn lenses(&self, uri: &Url) -> Vec<CodeLens> {
        let Some(res) = self.score(uri) else {
            return Vec::new();
        };
        vec![CodeLens {
            range: lsp_types::Range::default(),
            command: Some(Command {
                title: res.title,
                command: SCORE_COMMAND.into(),
                arguments: Some(vec![serde_json::to_value(uri).unwrap_or_default()]),
            }),
            data: None,
        }]
    }

    fn notification(
        &mut self,
        n: Notification,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        match n.method.as_str() {
            notif::DidOpenTextDocument::METHOD => {
                let p: lsp_types::DidOpenTextDocumentParams = serde_json::from_value(n.params)?;
                self.update(p.text_document.uri, p.text_document.text)?;
            }
            notif::DidChangeTextDocument::METHOD => {
                let p: lsp_types::DidChangeTextDocumentParams = serde_json::from_value(n.params)?;
                // Full sync: the last change holds the whole text.
                if let Some(change) = p.content_changes.into_iter().last() {
                    self.update(p.text_document.uri, change.text)?;
                }
            }
            notif::DidCloseTextDocument::METHOD => {
                let p: lsp_types::DidCloseTextDocumentParams = serde_json::from_value(n.params)?;
                self.docs.remove(&p.text_document.uri);
                self.publish(p.text_document.uri, Vec::new())?;
            }
            _ => {}
        }
        Ok(())
    }

    fn update(
        &mut self,
        uri: Url,
        text: String,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let name = uri
            .to_file_path()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| uri.to_string());
        let analysis = Analysis::new(&name, text);
        let last_good = match analysis.checked {
            Some(_) => None,
            None => self
                .docs
                .remove(&uri)
                .and_then(|d| d.analysis.checked.or(d.last_good)),
        };
        let diags = analysis.lsp_diagnostics(&uri, self.lang);
        self.docs.insert(
            uri.clone(),
            Doc {
                analysis,
                last_good,
            },
        );
        self.publish(uri, diags)
    }

    fn publish(
        &self,
        uri: Url,
        diagnostics: Vec<lsp_types::Diagnostic>,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: None,
        };
        self.conn
            .sender
            .send(Message::Notification(Notification::new(
                notif::PublishDiagnostics::METHOD.into(),
                params,
            )))?;
        Ok(())
    }
}
