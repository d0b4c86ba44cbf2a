//! What a user hands the app to start from (pasted text, a file, the sample, a new empty
//! report), and the context the input components send it through.
//!
//! The same input components (header, toolbar, 新建年报 form, paste box) serve two modules:
//! the start page that loads with the page ([`crate::start`]) and the checker, loaded on the
//! first input ([`crate::App`]). Each provides an [`Intake`] saying what to do with an input:
//! the start page passes it on to the checker (as a JavaScript object, since the two wasm
//! modules share no memory), the checker imports it.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::Lang;

/// One thing to start from.
#[derive(Clone, Debug)]
pub enum Input {
    /// Pasted text (or the clipboard's HTML), with a format hint such as `clipboard.html`.
    Text { text: String, name: Option<String> },
    /// A file the user chose or dropped.
    File(web_sys::File),
    /// The bundled sample report (示例).
    Sample,
    /// 新建年报: an empty report of a template (`2021`/`2019`), year and agency as typed.
    New {
        template: String,
        year: String,
        agency: String,
    },
}

/// Where the input components send what the user gives them. `Copy`, like the signals.
#[derive(Clone, Copy)]
pub struct Intake {
    pub lang: RwSignal<Lang>,
    send: UnsyncCallback<Input>,
    warm: UnsyncCallback<()>,
}

impl Intake {
    /// `send` handles an input; `warm` prepares for one (the user is about to paste or pick
    /// a file: start loading what the input will need).
    pub fn new(
        lang: RwSignal<Lang>,
        send: impl Fn(Input) + 'static,
        warm: impl Fn(()) + 'static,
    ) -> Intake {
        Intake {
            lang,
            send: UnsyncCallback::new(send),
            warm: UnsyncCallback::new(warm),
        }
    }

    pub fn send(self, input: Input) {
        self.send.run(input);
    }

    pub fn warm(self) {
        self.warm.run(());
    }
}

/// The [`Intake`] of the module the component runs in.
pub fn use_intake() -> Intake {
    expect_context::<Intake>()
}

impl Input {
    /// The input as a plain JavaScript object (`{kind, text, name, file, template, year,
    /// agency}`), to cross from the start page's module to the checker's.
    pub fn to_js(&self) -> JsValue {
        let object = js_sys::Object::new();
        let set = |key: &str, value: JsValue| {
            let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &value);
        };
        let kind = match self {
            Input::Text { text, name } => {
                set("text", JsValue::from_str(text));
                if let Some(name) = name {
                    set("name", JsValue::from_str(name));
                }
                "text"
            }
            Input::File(file) => {
                set("file", file.into());
                "file"
            }
            Input::Sample => "sample",
            Input::New {
                template,
                year,
                agency,
            } => {
                set("template", JsValue::from_str(template));
                set("year", JsValue::from_str(year));
                set("agency", JsValue::from_str(agency));
                "new"
            }
        };
        set("kind", JsValue::from_str(kind));
        object.into()
    }

    /// Reads [`Input::to_js`]'s object back; `None` for anything else.
    pub fn from_js(value: &JsValue) -> Option<Input> {
        let get = |key: &str| js_sys::Reflect::get(value, &JsValue::from_str(key)).ok();
        let string = |key: &str| get(key).and_then(|v| v.as_string());
        match string("kind")?.as_str() {
            "text" => Some(Input::Text {
                text: string("text")?,
                name: string("name"),
            }),
            "file" => get("file")?
                .dyn_into::<web_sys::File>()
                .ok()
                .map(Input::File),
            "sample" => Some(Input::Sample),
            "new" => Some(Input::New {
                template: string("template").unwrap_or_default(),
                year: string("year").unwrap_or_default(),
                agency: string("agency").unwrap_or_default(),
            }),
            _ => None,
        }
    }
}
