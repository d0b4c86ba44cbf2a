//! The reactive wiring around [`crate::state::Doc`]: one typed context that every component
//! reads (signals are `Copy`), plus the actions that change it (load, edit, undo, focus).
//! The browser I/O the app needs (localStorage, timers, files) is here too.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use leptos::prelude::*;
use nianbao_core::{CellValue, Finding, Imported, Report, TemplateId};
use wasm_bindgen::JsCast;

use crate::i18n::Lang;
use crate::intake::Input;
use crate::state::{self, Doc, Mark};

/// Everything the components share. All fields are signals, so the struct is `Copy`.
#[derive(Clone, Copy)]
pub struct AppCtx {
    pub lang: RwSignal<Lang>,
    /// The document on screen; `None` shows the empty state.
    pub doc: RwSignal<Option<Doc>>,
    /// Bumped on every load, so the report view is rebuilt only when the document changes.
    pub generation: RwSignal<u32>,
    /// Import findings plus the rules' findings, re-checked on every edit.
    pub findings: Memo<Vec<Finding>>,
    /// The mark of each cell named by a finding.
    pub marks: Memo<BTreeMap<String, Mark>>,
    /// The cells of the finding the user selected.
    pub focused: RwSignal<Vec<String>>,
    /// Per-cell signals (value, edited, mark, typed text), so that an edit wakes the edited
    /// cell only instead of every cell of the tables (see [`CellSlot`]).
    cells: StoredValue<HashMap<String, CellSlot>>,
    /// Bumped when editing pauses (250 ms after the last change) and on every load: the views
    /// that may lag behind typing (charts) follow this instead of every keystroke.
    pub settled: RwSignal<u32>,
    /// The findings popover, when one is open.
    pub tip: RwSignal<Option<Tip>>,
    /// The verdict (None: nothing loaded), a memo so the banner is rebuilt only when it changes.
    pub verdict: Memo<Option<state::Verdict>>,
    /// Current editing session (one focus of one input = one undo step).
    pub session: RwSignal<u32>,
    /// "正在读取…" while an import runs.
    pub busy: RwSignal<bool>,
    /// Milliseconds from the last edit to the updated view.
    pub recheck_ms: RwSignal<Option<f64>>,
    /// The findings drawer on narrow screens.
    pub drawer_open: RwSignal<bool>,
    edit_started: StoredValue<Option<f64>>,
    save_timer: StoredValue<Option<TimeoutHandle>>,
}

/// The reactive state of one table cell. The signals are reference-counted and shared by the
/// registry in [`AppCtx`] and the cell's view; two effects keep them in step with the document
/// and the marks, touching only the cells whose value, edited flag or mark changed.
#[derive(Clone)]
pub struct CellSlot {
    pub value: ArcRwSignal<Option<CellValue>>,
    pub edited: ArcRwSignal<bool>,
    pub mark: ArcRwSignal<Option<Mark>>,
    /// The raw text being typed (shown as typed until the input loses focus).
    pub typed: ArcRwSignal<Option<String>>,
    /// Whether the findings popover ([`crate::components::cell_tip`]) describes this cell.
    pub tip: ArcRwSignal<bool>,
}

/// The findings popover of a cell: which cell, where (viewport pixels, for `position: fixed`),
/// and whether it was opened by keyboard focus (it then stays while the pointer moves away).
#[derive(Clone, Debug, PartialEq)]
pub struct Tip {
    pub key: String,
    pub left: f64,
    /// Top edge when shown below the cell, else `None` and `bottom` is used (shown above).
    pub top: Option<f64>,
    pub bottom: Option<f64>,
    pub by_focus: bool,
}

/// The app's context (panics only if a component is used outside [`crate::App`]).
pub fn use_ctx() -> AppCtx {
    expect_context::<AppCtx>()
}

impl AppCtx {
    /// The report on screen (an empty report before anything is loaded), for the components
    /// that take it as a prop: charts and downloads.
    pub fn report(self) -> Signal<Report> {
        let doc = self.doc;
        Signal::derive(move || {
            doc.with(|d| d.as_ref().map(|d| d.report.clone()))
                .unwrap_or_default()
        })
    }

    /// The previous year's report (上年年报), if one is loaded: for the year-over-year chart.
    pub fn previous(self) -> Signal<Option<Report>> {
        let doc = self.doc;
        Signal::derive(move || doc.with(|d| d.as_ref().and_then(|d| d.previous.clone())))
    }

    /// Sets or removes the previous year's report; the findings are re-checked with it and
    /// the draft saved with it.
    pub fn set_previous(self, previous: Option<Report>) {
        self.doc.update(|d| {
            if let Some(d) = d {
                d.previous = previous;
            }
        });
        self.settled.update(|n| *n = n.wrapping_add(1));
    }

    /// Creates the state, restoring a saved draft if there is one, and starts saving drafts.
    pub fn create() -> AppCtx {
        let restored = load_draft();
        let session = restored.as_ref().map(Doc::last_session).unwrap_or(0) + 1;
        let doc = RwSignal::new(restored);
        let findings =
            Memo::new(move |_| doc.with(|d| d.as_ref().map(Doc::findings).unwrap_or_default()));
        let marks = Memo::new(move |_| findings.with(|f| state::cell_marks(f)));
        let verdict = Memo::new(move |_| {
            doc.with(|d| d.as_ref().map(|d| findings.with(|f| state::verdict(d, f))))
        });
        let ctx = AppCtx {
            lang: RwSignal::new(Lang::Zh),
            doc,
            generation: RwSignal::new(0),
            findings,
            marks,
            focused: RwSignal::new(Vec::new()),
            cells: StoredValue::new(HashMap::new()),
            settled: RwSignal::new(0),
            tip: RwSignal::new(None),
            verdict,
            session: RwSignal::new(session),
            busy: RwSignal::new(false),
            recheck_ms: RwSignal::new(None),
            drawer_open: RwSignal::new(false),
            edit_started: StoredValue::new(None),
            save_timer: StoredValue::new(None),
        };
        // The cells follow the document and the marks; only changed cells are set. The actions
        // below sync at once (no extra hop); these effects catch any other change of `doc`.
        Effect::new(move |_| {
            doc.track();
            marks.track();
            ctx.sync_cells(None);
        });
        // Sync with the world outside when editing pauses: save the draft and let the charts
        // catch up.
        Effect::new(move |_| {
            doc.track();
            if let Some(Some(h)) = ctx.save_timer.try_get_value() {
                h.clear();
            }
            let handle = set_timeout_with_handle(
                move || {
                    doc.with_untracked(|d| save_draft(d.as_ref()));
                    ctx.settled.update(|n| *n = n.wrapping_add(1));
                },
                Duration::from_millis(250),
            )
            .ok();
            ctx.save_timer.set_value(handle);
        });
        ctx
    }

    /// Sets the cell signals whose value, edited flag or mark differ from the document and the
    /// marks (`only`: just that cell). Cheap: a comparison per cell, a set per changed cell.
    fn sync_cells(self, only: Option<&str>) {
        self.doc.with_untracked(|d| {
            self.marks.with_untracked(|m| {
                self.cells.with_value(|slots| {
                    let sync = |k: &String, s: &CellSlot| {
                        let v = d.as_ref().and_then(|d| d.report.cell(k));
                        if s.value.with_untracked(|x| x.as_ref() != v) {
                            s.value.set(v.cloned());
                        }
                        let e = d.as_ref().is_some_and(|d| d.edited.contains(k));
                        if s.edited.get_untracked() != e {
                            s.edited.set(e);
                        }
                        let mk = m.get(k).copied();
                        if s.mark.get_untracked() != mk {
                            s.mark.set(mk);
                        }
                    };
                    match only {
                        Some(key) => {
                            if let Some((k, s)) = slots.get_key_value(key) {
                                sync(k, s);
                            }
                        }
                        None => slots.iter().for_each(|(k, s)| sync(k, s)),
                    }
                })
            })
        });
    }

    /// The signals of the cell `key`, created on first use from the document on screen.
    pub fn cell_slot(self, key: &str) -> CellSlot {
        if let Some(s) = self.cells.with_value(|m| m.get(key).cloned()) {
            return s;
        }
        let (value, edited) = self.doc.with_untracked(|d| {
            let d = d.as_ref();
            (
                d.and_then(|d| d.report.cell(key).cloned()),
                d.is_some_and(|d| d.edited.contains(key)),
            )
        });
        let mark = self.marks.with_untracked(|m| m.get(key).copied());
        let slot = CellSlot {
            value: ArcRwSignal::new(value),
            edited: ArcRwSignal::new(edited),
            mark: ArcRwSignal::new(mark),
            typed: ArcRwSignal::new(None),
            tip: ArcRwSignal::new(false),
        };
        self.cells
            .update_value(|m| drop(m.insert(key.to_string(), slot.clone())));
        slot
    }

    /// Opens the findings popover of cell `key` next to its table cell (below it, or above it
    /// when there is no room below). Opening by hover does not take it from a focused cell.
    pub fn show_tip(self, key: &str, by_focus: bool) {
        let current = self.tip.with_untracked(|t| t.clone());
        if let Some(t) = &current {
            if !by_focus && t.by_focus && t.key != key {
                return;
            }
        }
        let Some(el) = document().get_element_by_id(&cell_dom_id(key)) else {
            return;
        };
        let rect = el.get_bounding_client_rect();
        let (vw, vh) = viewport();
        // The popover's width (CSS: at most 320 px and the viewport less 16 px).
        let width = 320f64.min(vw - 16.0);
        let left = rect.left().min(vw - width - 8.0).max(8.0);
        let below = vh - rect.bottom() >= 160.0 || rect.top() < vh / 2.0;
        let tip = Tip {
            key: key.to_string(),
            left,
            top: below.then(|| rect.bottom() + 2.0),
            bottom: (!below).then(|| vh - rect.top() + 2.0),
            by_focus: by_focus || current.as_ref().is_some_and(|t| t.key == key && t.by_focus),
        };
        if current.as_ref() == Some(&tip) {
            return;
        }
        if let Some(old) = current.filter(|t| t.key != key) {
            self.set_tip_flag(&old.key, false);
        }
        self.set_tip_flag(key, true);
        self.tip.set(Some(tip));
    }

    /// Closes the popover of `key` (any popover with `None`). A hover ending does not close
    /// the popover of a focused cell.
    pub fn hide_tip(self, key: Option<&str>, by_focus: bool) {
        let Some(t) = self.tip.get_untracked() else {
            return;
        };
        if key.is_some_and(|k| k != t.key) || (!by_focus && key.is_some() && t.by_focus) {
            return;
        }
        self.set_tip_flag(&t.key, false);
        self.tip.set(None);
    }

    /// Moves an open popover with its cell (after a scroll).
    pub fn follow_tip(self) {
        if let Some(t) = self.tip.get_untracked() {
            self.show_tip(&t.key, t.by_focus);
        }
    }

    fn set_tip_flag(self, key: &str, on: bool) {
        if let Some(s) = self.cells.with_value(|m| m.get(key).cloned()) {
            s.tip.set(on);
        }
    }

    /// Forgets the text being typed in any cell (after a load, undo or redo the cells show the
    /// document's values again).
    fn clear_typed(self) {
        self.cells.with_value(|slots| {
            for s in slots.values() {
                if s.typed.with_untracked(Option::is_some) {
                    s.typed.set(None);
                }
            }
        });
    }

    /// Shows a freshly imported document (undo history starts empty). A loaded 上年年报 stays
    /// (the panel warns when its year or agency does not fit); 清空 removes it.
    pub fn load(self, imported: Imported) {
        self.focused.set(Vec::new());
        self.hide_tip(None, true);
        self.clear_typed();
        let previous = self
            .doc
            .with_untracked(|d| d.as_ref().and_then(|d| d.previous.clone()));
        let mut doc = Doc::new(imported);
        doc.previous = previous;
        self.doc.set(Some(doc));
        self.generation.update(|g| *g += 1);
        self.settled.update(|n| *n = n.wrapping_add(1));
    }

    /// Discards the document and its saved draft.
    pub fn clear(self) {
        self.focused.set(Vec::new());
        self.clear_typed();
        self.hide_tip(None, true);
        self.doc.set(None);
        save_draft(None);
    }

    /// Starts a new editing session (one undo step).
    pub fn new_session(self) -> u32 {
        self.session.update(|s| *s += 1);
        self.session.get_untracked()
    }

    /// Sets a cell from typed text and measures how long the re-check and view update take.
    pub fn edit_cell(self, key: &str, raw: &str) {
        self.start_timing();
        let value = CellValue::parse(raw);
        let session = self.session.get_untracked();
        self.doc.update(|d| {
            if let Some(d) = d {
                d.edit_cell(key, value, session);
            }
        });
        // Marks can change anywhere (an identity spans many cells): all cells are compared.
        self.sync_cells(None);
        self.finish_timing();
    }

    pub fn edit_section(self, n: u8, text: String) {
        self.start_timing();
        let session = self.session.get_untracked();
        self.doc.update(|d| {
            if let Some(d) = d {
                d.edit_section(n, text, session);
            }
        });
        self.finish_timing();
    }

    pub fn undo(self) {
        self.history(true);
    }

    pub fn redo(self) {
        self.history(false);
    }

    fn history(self, back: bool) {
        self.clear_typed();
        self.new_session();
        let mut target = None;
        self.doc.update(|d| {
            if let Some(d) = d {
                target = if back { d.undo() } else { d.redo() };
            }
        });
        self.sync_cells(None);
        if let Some(key) = target {
            self.focused.set(vec![key.clone()]);
            scroll_to(&key, false);
        }
    }

    /// Selects a finding's cells: highlights them and scrolls to (and focuses) the first.
    pub fn focus_cells(self, cells: Vec<String>, first: Option<String>) {
        let first = first.or_else(|| cells.first().cloned());
        self.focused.set(cells);
        self.drawer_open.set(false);
        if let Some(key) = first {
            scroll_to(&key, true);
        }
    }

    fn start_timing(self) {
        self.edit_started.set_value(now());
    }

    /// Runs after the current task and its microtasks, i.e. after the view has been updated.
    fn finish_timing(self) {
        set_timeout(
            move || {
                if let (Some(t0), Some(t1)) = (self.edit_started.get_value(), now()) {
                    let ms = t1 - t0;
                    self.recheck_ms.set(Some(ms));
                    web_sys::console::debug_1(&format!("nianbao: edit → view {ms:.1} ms").into());
                }
            },
            Duration::ZERO,
        );
    }
}

/// The id of a cell's `<td>` (or `section.N`'s textarea).
pub fn cell_dom_id(key: &str) -> String {
    format!("nb-c-{key}")
}

/// Scrolls the element of a cell or section into view; with `focus`, moves keyboard focus to
/// its input.
pub fn scroll_to(key: &str, focus: bool) {
    let Some(el) = document().get_element_by_id(&cell_dom_id(key)) else {
        return;
    };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    opts.set_inline(web_sys::ScrollLogicalPosition::Nearest);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
    if focus {
        let target = el
            .query_selector("input, textarea")
            .ok()
            .flatten()
            .unwrap_or(el);
        if let Ok(h) = target.dyn_into::<web_sys::HtmlElement>() {
            let _ = h.focus();
        }
    }
}

/// The viewport's width and height in CSS pixels.
fn viewport() -> (f64, f64) {
    let w = window();
    let px = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    (px(w.inner_width()), px(w.inner_height()))
}

fn now() -> Option<f64> {
    Some(window().performance()?.now())
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn load_draft() -> Option<Doc> {
    let text = storage()?.get_item(state::DRAFT_KEY).ok()??;
    Doc::from_storage(&text)
}

fn save_draft(doc: Option<&Doc>) {
    let Some(s) = storage() else {
        return;
    };
    let _ = match doc {
        Some(d) => s.set_item(state::DRAFT_KEY, &d.to_storage()),
        None => s.remove_item(state::DRAFT_KEY),
    };
}

/// Gives the browser a chance to paint (the "正在读取…" state) before heavy work.
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 16);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The bytes of a file the user chose or dropped.
pub async fn file_bytes(file: &web_sys::File) -> Option<Vec<u8>> {
    let buf = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buf).to_vec())
}

/// The bundled sample: 淮安市人民政府 2024 report (corpus public/002), as a report document.
const SAMPLE: &str = include_str!("../assets/sample-huaian-2024.json");

/// Shows what an input holds: a new empty report at once, anything else read in the
/// background with the busy state shown meanwhile.
pub fn take(ctx: AppCtx, input: Input) {
    match input {
        Input::New {
            template,
            year,
            agency,
        } => ctx.load(Imported {
            report: new_report(&template, &year, &agency),
            findings: Vec::new(),
        }),
        input => import_then(ctx, input, move |imported| ctx.load(imported)),
    }
}

/// 新建年报: an empty report of a template (`2021` when unknown), with the year and agency
/// as typed (an unreadable year is left out).
fn new_report(template: &str, year: &str, agency: &str) -> Report {
    let template = TemplateId::parse(template.trim()).unwrap_or(TemplateId::V2021);
    let mut report = Report::empty(template);
    report.year = year.trim().parse().ok();
    let agency = agency.trim();
    report.agency = (!agency.is_empty()).then(|| agency.to_string());
    report
}

/// Reads an input in the background (busy state meanwhile), then hands the result to `done`
/// (e.g. to use it as the previous year's report).
pub fn import_then(ctx: AppCtx, input: Input, done: impl FnOnce(Imported) + 'static) {
    ctx.busy.set(true);
    leptos::task::spawn_local(async move {
        yield_to_browser().await;
        done(read(input).await);
        ctx.busy.set(false);
    });
}

/// The report an input holds. Every importer runs in the worker, so that none of them is in
/// the page's modules and a long paste never blocks the page.
async fn read(input: Input) -> Imported {
    use crate::worker_client::import_file;
    match input {
        Input::Text { text, name } => import_file(text.into_bytes(), name).await,
        Input::File(file) => {
            let name = file.name();
            match file_bytes(&file).await {
                Some(bytes) => import_file(bytes, Some(name)).await,
                None => Imported::unreadable("无法读取此文件", "the file could not be read"),
            }
        }
        Input::Sample => import_file(SAMPLE.as_bytes().to_vec(), Some("sample.json".into())).await,
        Input::New {
            template,
            year,
            agency,
        } => Imported {
            report: new_report(&template, &year, &agency),
            findings: Vec::new(),
        },
    }
}
