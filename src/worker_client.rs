//! The seam between the page and the work it does off the UI thread: importing (every format)
//! and rendering downloads. Callers only see these async functions.
//!
//! The work runs in two Web Workers (crates/worker), built by Trunk as separate modules:
//! the reader (text, HTML, CSV, JSON; the rules' doc texts) and the engine (PDF, DOCX, XLSX and
//! every export: about five times the reader's size). `nianbao_worker::worker_for` picks one
//! per request. Neither is fetched at start: each is created on its first request (the reader
//! also when an input is near, [`warm_up`]) and reused. Their loaders' URLs are written into
//! `<meta name="nianbao-reader">` and `<meta name="nianbao-worker">` by a post-build hook
//! (scripts/trunk-worker-meta.sh).
//!
//! Protocol: see `nianbao_worker` (request/reply headers as JSON, file bytes as a transferred
//! `Uint8Array`; a worker says "ready" once it listens, and requests wait until then).
//!
//! Fallback: when the worker cannot start (no meta tag, CSP, load error), the call runs on the
//! UI thread with what the main module has: no importer and no exporter (a clear I-04 / error
//! sentence), so that the first-load module stays small.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use futures_channel::oneshot;
use nianbao_core::{Finding, Imported, Report};
use nianbao_worker::{worker_for, Reply, Request, Worker as Which, READY};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

/// The `<meta name=…>` whose `content` is a worker loader's URL (relative to the page).
fn meta_name(which: Which) -> &'static str {
    match which {
        Which::Reader => "nianbao-reader",
        Which::Engine => "nianbao-worker",
    }
}

/// Imports a file of any supported format (detected by content; `name` is a hint).
pub async fn import_file(bytes: Vec<u8>, name: Option<String>) -> Imported {
    let request = Request::Import { name: name.clone() };
    let which = worker_for(&request, &bytes);
    match call(which, json(&request), bytes.clone()).await {
        Some((Reply::Imported { imported }, _)) => *imported,
        Some((Reply::Error { message }, _)) => Imported::unreadable(&message, &message),
        Some((Reply::Exported | Reply::RuleDocs { .. }, _)) | None => import_here(&bytes),
    }
}

/// The UI-thread fallback when the worker cannot start. It imports nothing itself: calling
/// an importer here would put it into the first-load module (the text importer and the
/// encoding tables are +60…200 KB gzip), and every import, pasted text included, goes through
/// the worker.
fn import_here(_bytes: &[u8]) -> Imported {
    Imported::unreadable(
        "此浏览器未能启动后台处理（Web Worker），无法读取输入；请允许本页面使用 Web Worker 后重试",
        "the background worker could not start, so the input cannot be read; allow Web Workers for this page and try again",
    )
}

/// Renders a download: `format` is `docx`, `html`, `xlsx`, `csv` or `json`; `previous` (the
/// year before's report) adds the year-over-year chart to the HTML.
pub async fn export_file(
    report: Report,
    findings: Vec<Finding>,
    format: String,
    previous: Option<Report>,
) -> Result<Vec<u8>, String> {
    let request = Request::Export {
        report: Box::new(report),
        findings,
        format,
        previous: previous.map(Box::new),
    };
    match call(Which::Engine, json(&request), Vec::new()).await {
        Some((Reply::Exported, bytes)) => Ok(bytes),
        Some((Reply::Error { message }, _)) => Err(message),
        Some((Reply::Imported { .. } | Reply::RuleDocs { .. }, _)) => {
            Err("后台处理答非所问 / unexpected reply".into())
        }
        None => Err(
            "此浏览器未能启动后台处理（Web Worker），无法生成下载文件；可用“打印 / 另存为 PDF” \
             / this browser could not start the background worker"
                .into(),
        ),
    }
}

fn json(request: &Request) -> String {
    serde_json::to_string(request).unwrap_or_default()
}

type Answer = Result<(String, Vec<u8>), ()>;

enum State {
    /// Not created yet (or crashed after it had worked: created again on the next call).
    Idle,
    /// Created; requests wait in `queue` until it says "ready".
    Starting {
        worker: Worker,
        queue: Vec<(u32, String, Vec<u8>)>,
    },
    Ready(Worker),
    /// Could not start: every call runs on the UI thread from now on.
    Failed,
}

/// One worker and the requests waiting for its answers.
struct Client {
    state: State,
    next_id: u32,
    pending: HashMap<u32, oneshot::Sender<Answer>>,
}

thread_local! {
    static CLIENTS: [Rc<RefCell<Client>>; 2] = [Which::Reader, Which::Engine].map(|_| {
        Rc::new(RefCell::new(Client {
            state: State::Idle,
            next_id: 1,
            pending: HashMap::new(),
        }))
    });
}

fn client(which: Which) -> Rc<RefCell<Client>> {
    CLIENTS.with(|c| c[which as usize].clone())
}

/// Starts the reader ahead of the first input (e.g. when the paste box gets focus), so that
/// its download overlaps with the user's typing or pasting. Does nothing once started.
pub fn warm_up() {
    start_if_idle(Which::Reader);
}

fn start_if_idle(which: Which) {
    let client = client(which);
    {
        let client_rc = client.clone();
        let mut c = client.borrow_mut();
        if matches!(c.state, State::Idle) {
            c.state = match start(which, client_rc) {
                Some(worker) => State::Starting {
                    worker,
                    queue: Vec::new(),
                },
                None => State::Failed,
            };
        }
    }
}

/// Every rule's doc text (rule id → doc) from the worker: the first-load module is built
/// without them (core feature `docs`). `None` when the worker is not available.
pub async fn rule_docs() -> Option<Vec<(String, String)>> {
    match call(Which::Reader, json(&Request::RuleDocs), Vec::new()).await {
        Some((Reply::RuleDocs { docs }, _)) => Some(docs),
        _ => None,
    }
}

/// Sends one request to a worker; `None` when that worker is not available.
async fn call(which: Which, header: String, bytes: Vec<u8>) -> Option<(Reply, Vec<u8>)> {
    start_if_idle(which);
    let rx = {
        let client = client(which);
        let mut c = client.borrow_mut();
        let id = c.next_id;
        c.next_id = c.next_id.wrapping_add(1);
        let (tx, rx) = oneshot::channel();
        match &mut c.state {
            State::Failed | State::Idle => return None,
            State::Starting { queue, .. } => queue.push((id, header, bytes)),
            State::Ready(worker) => {
                if !post(worker, id, &header, &bytes) {
                    return None;
                }
            }
        }
        c.pending.insert(id, tx);
        Some(rx)
    }?;
    let (header, bytes) = rx.await.ok()?.ok()?;
    let reply: Reply = serde_json::from_str(&header).ok()?;
    Some((reply, bytes))
}

/// Creates the worker and installs its handlers.
fn start(which: Which, client: Rc<RefCell<Client>>) -> Option<Worker> {
    let url = crate::page_meta(meta_name(which))?;
    let worker = Worker::new(&url).ok()?;

    let on_message_client = client.clone();
    let onmessage = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        let data = ev.data();
        if data.as_string().as_deref() == Some(READY) {
            let mut c = on_message_client.borrow_mut();
            if let State::Starting { worker, queue } = std::mem::replace(&mut c.state, State::Idle)
            {
                let mut failed = Vec::new();
                for (id, header, bytes) in queue {
                    if !post(&worker, id, &header, &bytes) {
                        failed.push(id);
                    }
                }
                for id in failed {
                    if let Some(tx) = c.pending.remove(&id) {
                        let _ = tx.send(Err(()));
                    }
                }
                c.state = State::Ready(worker);
            }
            return;
        }
        let (id, header, bytes) = nianbao_worker::wire::unpack(&data);
        let Some(id) = id.as_f64().map(|n| n as u32) else {
            return;
        };
        let tx = on_message_client.borrow_mut().pending.remove(&id);
        if let Some(tx) = tx {
            let _ = tx.send(Ok((header, bytes)));
        }
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();

    // A load failure (404, CSP) or a crash (a panic aborts the module): every waiting call
    // falls back; a worker that had worked is created again on the next call.
    let onerror = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        ev.prevent_default();
        let mut c = client.borrow_mut();
        let old = std::mem::replace(&mut c.state, State::Idle);
        c.state = match old {
            State::Ready(worker) => {
                worker.terminate();
                State::Idle
            }
            State::Starting { worker, .. } => {
                worker.terminate();
                State::Failed
            }
            other => other,
        };
        for (_, tx) in c.pending.drain() {
            let _ = tx.send(Err(()));
        }
    });
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    onerror.forget();
    Some(worker)
}

/// Posts `[id, header, bytes]`, transferring the bytes' buffer.
fn post(worker: &Worker, id: u32, header: &str, bytes: &[u8]) -> bool {
    let (msg, transfer) = nianbao_worker::wire::pack(&JsValue::from(id), header, bytes);
    worker.post_message_with_transfer(&msg, &transfer).is_ok() || worker.post_message(&msg).is_ok()
}
