//! Pages from WARC archives (native builds): the HTML responses of a `.warc`
//! or `.warc.gz` file, one record at a time, as `lucid batch` and the Python
//! package read them. Records are parsed by the `warc` crate, HTTP heads by
//! `httparse`, compressed files by `flate2` (one gzip member per record, read
//! as one stream), so memory holds one record, whatever the file's size.
//!
//! A `response` record is a page when its HTTP status is 2xx and its
//! Content-Type is HTML (or missing and the payload starts like HTML); a
//! `resource` record when its own Content-Type is HTML. Chunked transfer
//! coding and gzip/deflate content coding are undone; the charset of the
//! Content-Type is the decoding hint ([`crate::parse::decode_hinted`]).
//! Anything else is skipped with the reason, for counting.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use warc::{RawRecordHeader, WarcHeader, WarcReader};

/// The largest payload read, after decompression: a bigger one is skipped.
pub const MAX_PAYLOAD: usize = 64 << 20;

/// One record of the archive.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// An HTML page: its record id, URL (`WARC-Target-URI`) and markup.
    Page { id: String, url: String, html: String },
    /// Not an HTML page (a request, metadata, an image, a redirect…): why.
    Skipped { id: String, reason: String },
}

/// The records of a WARC file (`.gz` or not, told by its first bytes).
pub struct Records {
    inner: warc::RawRecordIter<Box<dyn BufRead + Send>>,
    done: bool,
}

/// Open a WARC file for reading, record by record.
pub fn open(path: &Path) -> std::io::Result<Records> {
    let mut file = BufReader::with_capacity(1 << 16, File::open(path)?);
    let gzip = file.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    Ok(from_reader(file, gzip))
}

/// Records from any reader (`gzip`: a `.warc.gz` stream).
pub fn from_reader<R: Read + Send + 'static>(r: R, gzip: bool) -> Records {
    let reader: Box<dyn BufRead + Send> = if gzip {
        Box::new(BufReader::with_capacity(1 << 16, flate2::read::MultiGzDecoder::new(r)))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, r))
    };
    Records { inner: WarcReader::new(reader).iter_raw_records(), done: false }
}

impl Iterator for Records {
    /// A record, or the error that ends the file (a record that cannot be
    /// parsed leaves no way to find the next one).
    type Item = Result<Record, String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.inner.next()? {
            Ok((head, body)) => Some(Ok(record(&head, &body))),
            Err(e) => {
                self.done = true;
                Some(Err(format!("not a readable WARC record: {e}")))
            }
        }
    }
}

fn header(head: &RawRecordHeader, name: WarcHeader) -> String {
    head.as_ref().get(&name).map(|v| String::from_utf8_lossy(v).trim().to_string()).unwrap_or_default()
}

/// The record as a page, or why it is skipped.
pub fn record(head: &RawRecordHeader, body: &[u8]) -> Record {
    let id = header(head, WarcHeader::RecordID);
    let url = header(head, WarcHeader::TargetURI);
    let kind = header(head, WarcHeader::WarcType).to_ascii_lowercase();
    let page = match kind.as_str() {
        "response" => http_page(body),
        "resource" => html_payload(&header(head, WarcHeader::ContentType), body),
        other => Err(format!("{} record", if other.is_empty() { "untyped" } else { other })),
    };
    match page {
        Ok(html) => Record::Page { id, url, html },
        Err(reason) => Record::Skipped { id, reason },
    }
}

/// An HTTP response's HTML, decoded.
fn http_page(message: &[u8]) -> Result<String, String> {
    let mut slots = [httparse::EMPTY_HEADER; 128];
    let mut res = httparse::Response::new(&mut slots);
    let head_len = match res.parse(message) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err("truncated HTTP head".into()),
        Err(e) => return Err(format!("HTTP head: {e}")),
    };
    let status = res.code.unwrap_or(0);
    if !(200..300).contains(&status) {
        return Err(format!("HTTP status {status}"));
    }
    let get = |name: &str| {
        res.headers
            .iter()
            .filter(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let content_type = get("content-type");
    // The body as it is, unless a coding has to be undone.
    let mut payload = Cow::Borrowed(&message[head_len..]);
    if get("transfer-encoding").contains("chunked") {
        payload = Cow::Owned(dechunk(&payload)?);
    }
    for coding in get("content-encoding").split(',').map(str::trim).rev() {
        payload = match coding {
            "" | "identity" => payload,
            "gzip" | "x-gzip" => Cow::Owned(inflate(flate2::read::MultiGzDecoder::new(&payload[..]))?),
            "deflate" => Cow::Owned(
                inflate(flate2::read::ZlibDecoder::new(&payload[..]))
                    .or_else(|_| inflate(flate2::read::DeflateDecoder::new(&payload[..])))?,
            ),
            other => return Err(format!("content coding {other}")),
        };
    }
    html_payload(&content_type, &payload)
}

/// The payload decoded when its type says HTML (or says nothing and it
/// starts like HTML).
fn html_payload(content_type: &str, payload: &[u8]) -> Result<String, String> {
    let content_type = content_type.to_ascii_lowercase();
    let mime = content_type.split(';').next().unwrap_or("").trim();
    let html = match mime {
        "text/html" | "application/xhtml+xml" => true,
        "" => looks_like_html(payload),
        _ => false,
    };
    if !html {
        return Err(format!("{mime} payload"));
    }
    if payload.len() > MAX_PAYLOAD {
        return Err(format!("payload over {} MB", MAX_PAYLOAD >> 20));
    }
    Ok(crate::parse::decode_hinted(payload, charset(&content_type)))
}

/// The `charset` parameter of a Content-Type.
fn charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim() == "charset").then(|| v.trim().trim_matches(['"', '\'']))
    })
}

fn looks_like_html(b: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&b[..b.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<head") || head.contains("<body")
}

/// Chunked transfer coding undone (RFC 9112 §7.1; the trailer is dropped).
fn dechunk(mut b: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let (used, size) = match httparse::parse_chunk_size(b) {
            Ok(httparse::Status::Complete(c)) => c,
            // A body cut short after its last whole chunk: keep what is there.
            Ok(httparse::Status::Partial) => return Ok(out),
            Err(_) => return Err("bad chunked coding".into()),
        };
        if size == 0 {
            return Ok(out);
        }
        let size = usize::try_from(size).map_err(|_| "bad chunked coding".to_string())?;
        let data = &b[used..];
        let take = size.min(data.len());
        if out.len() + take > MAX_PAYLOAD {
            return Err(format!("payload over {} MB", MAX_PAYLOAD >> 20));
        }
        out.extend_from_slice(&data[..take]);
        if take < size {
            return Ok(out);
        }
        b = data[size..].strip_prefix(b"\r\n").unwrap_or(&data[size..]);
    }
}

/// A decompressed payload, at most [`MAX_PAYLOAD`] bytes (a bomb is skipped).
fn inflate(r: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    r.take(MAX_PAYLOAD as u64 + 1).read_to_end(&mut out).map_err(|e| format!("cannot decompress: {e}"))?;
    if out.len() > MAX_PAYLOAD {
        return Err(format!("payload over {} MB", MAX_PAYLOAD >> 20));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warc(records: &[(&str, &str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        for (i, (kind, content_type, block)) in records.iter().enumerate() {
            out.extend_from_slice(
                format!(
                    "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{i}>\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: https://example.org/{i}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
                    block.len()
                )
                .as_bytes(),
            );
            out.extend_from_slice(block);
            out.extend_from_slice(b"\r\n\r\n");
        }
        out
    }

    fn read(bytes: Vec<u8>) -> Vec<Record> {
        from_reader(std::io::Cursor::new(bytes), false).map(Result::unwrap).collect()
    }

    fn page(html: &str) -> Record {
        Record::Page { id: "<urn:uuid:0>".into(), url: "https://example.org/0".into(), html: html.into() }
    }

    #[test]
    fn a_response_is_a_page_with_its_charset() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<p>caf\xe9</p>";
        assert_eq!(read(warc(&[("response", "application/http; msgtype=response", block)])), [page("<p>café</p>")]);
    }

    #[test]
    fn chunked_and_gzipped_payloads_are_undone() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, "<p>übung</p>".as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        let (a, b) = gz.split_at(gz.len() / 2);
        for part in [a, b] {
            block.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
            block.extend_from_slice(part);
            block.extend_from_slice(b"\r\n");
        }
        block.extend_from_slice(b"0\r\n\r\n");
        assert_eq!(read(warc(&[("response", "application/http", &block)])), [page("<p>übung</p>")]);
    }

    #[test]
    fn what_is_not_an_html_page_is_skipped_with_the_reason() {
        let records = read(warc(&[
            ("warcinfo", "application/warc-fields", b"software: test\r\n"),
            ("request", "application/http", b"GET / HTTP/1.1\r\n\r\n"),
            ("response", "application/http", b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n"),
            ("response", "application/http", b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG"),
            (
                "response",
                "application/http",
                b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Type: text/html\r\n\r\nxx",
            ),
            ("response", "application/http", b"not http at all"),
        ]));
        let reasons: Vec<String> = records
            .iter()
            .map(|r| match r {
                Record::Skipped { reason, .. } => reason.clone(),
                Record::Page { .. } => "page".into(),
            })
            .collect();
        assert_eq!(
            reasons,
            [
                "warcinfo record",
                "request record",
                "HTTP status 301",
                "image/png payload",
                "content coding br",
                "HTTP head: invalid HTTP version"
            ]
        );
    }

    #[test]
    fn a_resource_record_and_an_untyped_html_response_are_pages() {
        let records = read(warc(&[
            ("resource", "text/html; charset=utf-8", b"<p>local</p>"),
            ("response", "application/http", b"HTTP/1.0 200 OK\r\n\r\n<!DOCTYPE html><p>x</p>"),
        ]));
        assert!(matches!(&records[0], Record::Page { html, .. } if html == "<p>local</p>"));
        assert!(matches!(&records[1], Record::Page { html, .. } if html == "<!DOCTYPE html><p>x</p>"));
    }

    #[test]
    fn a_broken_file_ends_with_one_error() {
        let mut bytes = warc(&[("resource", "text/html", b"<p>ok</p>")]);
        bytes.extend_from_slice(b"WARC/1.1\r\nContent-Length: 999\r\n\r\nshort");
        let items: Vec<_> = from_reader(std::io::Cursor::new(bytes), false).collect();
        assert_eq!(items.len(), 2);
        assert!(items[0].is_ok());
        assert!(items[1].as_ref().unwrap_err().starts_with("not a readable WARC record"));
    }

    #[test]
    fn a_bomb_is_skipped() {
        let zeros = vec![b' '; MAX_PAYLOAD + 10];
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut gz, &zeros).unwrap();
        let gz = gz.finish().unwrap();
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        block.extend_from_slice(&gz);
        let records = read(warc(&[("response", "application/http", &block)]));
        assert!(matches!(&records[0], Record::Skipped { reason, .. } if reason.starts_with("payload over")));
    }
}
