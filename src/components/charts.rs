//! The report's charts: the core's own SVG (escaped by the core, so it may go in through
//! `inner_html`), each with its numbers as a table for readers who cannot see the picture, and
//! "下载 SVG" / "下载 PNG". The sub-reasons of the results open on demand under that chart.

use leptos::prelude::*;
use nianbao_core::charts::{self, chart_table_html, Chart};
use nianbao_core::Report;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::downloads::{save_blob, save_bytes};

/// Scale of the PNG against the SVG's own size (sharp on high-density screens and in print).
const PNG_SCALE: f64 = 2.0;

/// The charts of a report (and the year-over-year chart when `previous` is given).
#[component]
pub fn Charts(
    #[prop(into)] report: Signal<Report>,
    #[prop(into)] previous: Signal<Option<Report>>,
) -> impl IntoView {
    // Inside the app, charts follow the report when typing pauses (`settled`), not on every
    // keystroke; mounted alone (the e2e harness), they follow `report` itself.
    let ctx = use_context::<crate::ctx::AppCtx>();
    let all = Memo::new(move |_| match ctx {
        Some(ctx) => {
            ctx.settled.track();
            report.with_untracked(|r| previous.with_untracked(|p| charts::all(r, p.as_ref())))
        }
        None => report.with(|r| previous.with(|p| charts::all(r, p.as_ref()))),
    });
    view! {
        <section class="nb-charts" aria-labelledby="nb-charts-title" data-testid="charts">
            <h2 id="nb-charts-title" class="nb-charts-title">"图表"</h2>
            {move || {
                let list = all.get();
                let reasons = list.iter().find(|c| c.id == "nb-chart-reasons").cloned();
                let shown: Vec<Chart> = list
                    .into_iter()
                    .filter(|c| c.id != "nb-chart-reasons" && c.has_data())
                    .collect();
                if shown.is_empty() {
                    return view! {
                        <p class="nb-charts-empty">"表格中还没有可以作图的数字。"</p>
                    }
                        .into_any();
                }
                shown
                    .into_iter()
                    .map(|chart| {
                        let sub = (chart.id == "nb-chart-results")
                            .then(|| reasons.clone())
                            .flatten()
                            .filter(Chart::has_data);
                        view! { <ChartFigure chart=chart sub=sub /> }
                    })
                    .collect_view()
                    .into_any()
            }}
        </section>
    }
}

/// One chart: picture, note, data table, downloads; `sub` is a chart opened on demand below.
#[component]
fn ChartFigure(chart: Chart, sub: Option<Chart>) -> AnyView {
    let svg = chart.svg();
    let table = chart_table_html(&chart);
    let name = format!(
        "{}-{}",
        chart.id.trim_start_matches("nb-chart-"),
        chart.title
    );
    let note = chart.note.clone();
    let title = chart.title.clone();
    let sub = sub.map(|c| {
        view! {
            <details class="nb-chart-more" data-testid="chart-reasons">
                <summary>"查看各项原因"</summary>
                <ChartFigure chart=c sub=None />
            </details>
        }
        .into_any()
    });
    view! {
        <figure class="nb-chart-figure" data-testid=chart.id>
            <h3 class="nb-chart-title">{title}</h3>
            <div class="nb-chart-svg" inner_html=svg.clone()></div>
            <figcaption class="nb-chart-note">{note}</figcaption>
            <details class="nb-chart-table">
                <summary>"查看数据表"</summary>
                <div class="nb-chart-table-body" inner_html=table></div>
            </details>
            <p class="nb-chart-actions nb-noprint">
                <ChartDownloads svg=svg name=name />
            </p>
            {sub}
        </figure>
    }
    .into_any()
}

#[component]
fn ChartDownloads(svg: String, name: String) -> impl IntoView {
    let error = RwSignal::new(String::new());
    let (svg2, name2) = (svg.clone(), name.clone());
    view! {
        <button
            type="button"
            class="nb-chart-download"
            on:click=move |_| {
                if let Err(e) = save_bytes(&format!("{name}.svg"), "image/svg+xml", svg.as_bytes()) {
                    error.set(e);
                }
            }
        >
            "下载 SVG"
        </button>
        <button
            type="button"
            class="nb-chart-download"
            on:click=move |_| {
                if let Err(e) = save_png(&svg2, format!("{name2}.png"), error) {
                    error.set(e);
                }
            }
        >
            "下载 PNG"
        </button>
        <span class="nb-chart-error" role="status">{move || error.get()}</span>
    }
}

/// Draws the SVG on a canvas (through an `Image` of an SVG blob) and saves it as PNG.
fn save_png(svg: &str, name: String, error: RwSignal<String>) -> Result<(), String> {
    let fail = || "无法生成 PNG / could not draw the PNG".to_string();
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| fail())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail())?;
    let img = web_sys::HtmlImageElement::new().map_err(|_| fail())?;
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = Closure::once(move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
        if let Err(e) = draw_png(&img2, name) {
            error.set(e);
        }
    });
    img.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    img.set_src(&url);
    Ok(())
}

fn draw_png(img: &web_sys::HtmlImageElement, name: String) -> Result<(), String> {
    let fail = || "无法生成 PNG / could not draw the PNG".to_string();
    let (w, h) = (img.natural_width() as f64, img.natural_height() as f64);
    if w <= 0.0 || h <= 0.0 {
        return Err(fail());
    }
    let canvas = document()
        .create_element("canvas")
        .map_err(|_| fail())?
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .map_err(|_| fail())?;
    canvas.set_width((w * PNG_SCALE) as u32);
    canvas.set_height((h * PNG_SCALE) as u32);
    let ctx = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        .ok_or_else(fail)?;
    // White paper behind the bars (a transparent PNG looks broken in most viewers).
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, w * PNG_SCALE, h * PNG_SCALE);
    ctx.draw_image_with_html_image_element_and_dw_and_dh(
        img,
        0.0,
        0.0,
        w * PNG_SCALE,
        h * PNG_SCALE,
    )
    .map_err(|_| fail())?;
    let done = Closure::once(move |blob: Option<web_sys::Blob>| {
        if let Some(blob) = blob {
            let _ = save_blob(&name, &blob);
        }
    });
    canvas
        .to_blob(done.as_ref().unchecked_ref())
        .map_err(|_| fail())?;
    done.forget();
    Ok(())
}
