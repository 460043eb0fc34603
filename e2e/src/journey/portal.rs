//! A page of another origin, for the journeys that embed the console.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// A page of another origin (a portal) served from a thread: `page(path)` gives the HTML
/// for a path, `None` a 404. Stopped when dropped.
pub struct Portal {
    url: String,
    stop: Arc<AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Portal {
    pub fn start(page: impl Fn(&str) -> Option<String> + Send + 'static) -> Portal {
        Portal::start_on(0, page)
    }

    /// On a given port (`0`: any), for a portal whose origin must be known beforehand.
    pub fn start_on(port: u16, page: impl Fn(&str) -> Option<String> + Send + 'static) -> Portal {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("a port for the portal");
        let url = format!(
            "http://{}",
            listener.local_addr().expect("the portal's address")
        );
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let thread = thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let _ = answer(stream, &page);
                }
            }
        });
        Portal {
            url,
            stop,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> &str {
        &self.url
    }
}

fn answer(mut stream: TcpStream, page: &impl Fn(&str) -> Option<String>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let (status, body) = match page(path.split('?').next().unwrap_or("/")) {
        Some(html) => ("200 OK", html),
        None => ("404 Not Found", "not found".to_string()),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    stream.flush()
}

impl Drop for Portal {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.url.trim_start_matches("http://"));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
