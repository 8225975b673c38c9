//! `lucid_reader`: Lucid Reader's core for Python. `extract(html, url)` gives
//! the article as a dict with the fields of `lucid extract --format json`;
//! `read_warc(path)` gives a WARC file's HTML pages, as `lucid batch` reads
//! them. The GIL is released while the core works, so threads (and Spark or
//! Dask workers in threads) extract in parallel.

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use std::collections::BTreeMap;
use std::path::PathBuf;

create_exception!(
    lucid_reader,
    ExtractionError,
    PyValueError,
    "The page gave no article: its message is the CLI's, `code` says which case (empty, not-html, not-an-article, bad-option, internal)."
);

fn error(py: Python<'_>, code: &str, message: String) -> PyErr {
    let err = ExtractionError::new_err(message);
    // (Setting an attribute on a fresh exception cannot fail in practice.)
    let _ = err.value(py).setattr("code", code);
    err
}

/// The page's markup: str as it is; bytes decoded as a browser would (a
/// byte-order mark, the `charset` given, a `<meta charset>`, UTF-8, else
/// windows-1252).
fn markup(html: &Bound<'_, PyAny>, charset: Option<&str>) -> PyResult<String> {
    if html.is_instance_of::<PyString>() {
        return html.extract::<String>();
    }
    if let Ok(b) = html.cast::<PyBytes>() {
        return Ok(lucid::parse::decode_hinted(b.as_bytes(), charset));
    }
    Err(pyo3::exceptions::PyTypeError::new_err("html must be str or bytes"))
}

/// The article of a page, as a dict: title, authors, published, site_name,
/// lang, text, html, markdown, facts, citation and the rest of the CLI's
/// JSON. Raises ExtractionError when there is none (unless `force`).
#[pyfunction]
#[pyo3(signature = (html, url = "", *, force = false, accessed = None, charset = None))]
fn extract<'py>(
    py: Python<'py>,
    html: &Bound<'py, PyAny>,
    url: &str,
    force: bool,
    accessed: Option<String>,
    charset: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let html = markup(html, charset)?;
    let options = lucid::Options { force, accessed, ..Default::default() };
    // Without the GIL: the core, and the article as the CLI's JSON has it (a
    // serde value, made into Python objects with the GIL back).
    let result = py.detach(|| lucid::try_extract(&html, url, &options).map(|a| serde_json::to_value(&a)));
    match result {
        Ok(Ok(value)) => Ok(pythonize::pythonize(py, &value)?),
        Ok(Err(e)) => Err(error(py, "internal", e.to_string())),
        Err(e) => Err(error(py, e.code(), e.to_string())),
    }
}

/// A WARC file's HTML pages, one at a time: dicts with `id` (the record id),
/// `url` (WARC-Target-URI) and `html` (decoded by the HTTP charset). Records
/// that are not HTML pages are skipped and counted in `skipped`, by reason.
#[pyclass(module = "lucid_reader")]
struct WarcPages {
    records: std::sync::Mutex<lucid::warc::Records>,
    path: PathBuf,
    #[pyo3(get)]
    skipped: BTreeMap<String, usize>,
}

#[pymethods]
impl WarcPages {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(mut slf: PyRefMut<'py, Self>, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        loop {
            let next = {
                let records = &slf.records;
                py.detach(|| records.lock().map(|mut r| r.next()).unwrap_or(None))
            };
            match next {
                None => return Ok(None),
                Some(Err(e)) => return Err(PyOSError::new_err(format!("{}: {e}", slf.path.display()))),
                Some(Ok(lucid::warc::Record::Skipped { reason, .. })) => *slf.skipped.entry(reason).or_default() += 1,
                Some(Ok(lucid::warc::Record::Page { id, url, html })) => {
                    let d = PyDict::new(py);
                    d.set_item("id", id)?;
                    d.set_item("url", url)?;
                    d.set_item("html", html)?;
                    return Ok(Some(d));
                }
            }
        }
    }
}

/// The HTML pages of a `.warc` or `.warc.gz` file (see WarcPages).
#[pyfunction]
fn read_warc(path: PathBuf) -> PyResult<WarcPages> {
    let records = lucid::warc::open(&path).map_err(|e| PyOSError::new_err(format!("{}: {e}", path.display())))?;
    Ok(WarcPages { records: std::sync::Mutex::new(records), path, skipped: BTreeMap::new() })
}

#[pymodule]
fn lucid_reader(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(read_warc, m)?)?;
    m.add_class::<WarcPages>()?;
    m.add("ExtractionError", m.py().get_type::<ExtractionError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
