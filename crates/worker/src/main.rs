//! The Web Worker entry point: installs the message handler, then says "ready".
//! Built by Trunk as `data-type="worker"`; the app creates it on first use only.

#[cfg(target_arch = "wasm32")]
fn main() {
    use js_sys::{Array, Uint8Array};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    let reply_scope = scope.clone();
    let onmessage = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        let msg = Array::from(&ev.data());
        let id = msg.get(0);
        let header = msg.get(1).as_string().unwrap_or_default();
        let bytes = msg
            .get(2)
            .dyn_into::<Uint8Array>()
            .map(|a| a.to_vec())
            .unwrap_or_default();
        let (reply, out) = nianbao_worker::handle(&header, &bytes);
        drop(bytes);
        let out = Uint8Array::from(out.as_slice());
        let answer = Array::of3(
            &id,
            &JsValue::from_str(&nianbao_worker::reply_json(&reply)),
            &out,
        );
        let transfer = Array::of1(&out.buffer());
        if reply_scope
            .post_message_with_transfer(&answer, &transfer)
            .is_err()
        {
            let _ = reply_scope.post_message(&answer);
        }
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let _ = scope.post_message(&JsValue::from_str(nianbao_worker::READY));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("nianbao-worker runs in a browser (built by Trunk as a Web Worker)");
}
