//! Which program opens an article's link, and with which arguments: the
//! reader's `o` key. Pure: the caller passes `$BROWSER` and the platform in,
//! and [`crate::tui`] runs the program (without a shell) around a restored
//! terminal. Only `http://` and `https://` links are opened.

/// A program to run and its arguments, the link being exactly one of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    pub program: String,
    pub args: Vec<String>,
}

/// Why a link is not opened, as the status line says it.
pub fn refusal(url: Option<&str>) -> Option<String> {
    let Some(url) = url.map(str::trim).filter(|u| !u.is_empty()) else {
        return Some("no web address for this article".to_string());
    };
    let scheme = scheme(url);
    match scheme {
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => None,
        Some(s) => {
            let rest = &url[s.len() + 1..];
            let slashes = if rest.starts_with("//") { "//" } else { "" };
            Some(format!(
                "not opening a {}:{slashes} link",
                s.to_ascii_lowercase()
            ))
        }
        None => Some(format!("not opening {url}: not a web address")),
    }
}

/// The scheme of `url` (`https` in `https://…`), if it starts with one.
fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// The command that opens `url`: `browser` (the value of `$BROWSER`) when set
/// and not blank, newsboat-style (a program name and arguments split on white
/// space; each `%u` replaced by the link, else the link appended), otherwise
/// the system opener (`open` on macOS, `xdg-open` elsewhere). The link is
/// never split or passed through a shell. `Err` says why a link is refused.
///
/// # Errors
///
/// When `url` is not an `http(s)://` link (see [`refusal`]).
pub fn command(browser: Option<&str>, url: &str, macos: bool) -> Result<Command, String> {
    if let Some(why) = refusal(Some(url)) {
        return Err(why);
    }
    let url = url.trim();
    let mut words = browser.unwrap_or("").split_whitespace();
    let Some(program) = words.next() else {
        let opener = if macos { "open" } else { "xdg-open" };
        return Ok(Command {
            program: opener.to_string(),
            args: vec![url.to_string()],
        });
    };
    let mut substituted = false;
    let mut args: Vec<String> = words
        .map(|word| {
            if word.contains("%u") {
                substituted = true;
                word.replace("%u", url)
            } else {
                word.to_string()
            }
        })
        .collect();
    if !substituted {
        args.push(url.to_string());
    }
    Ok(Command {
        program: program.to_string(),
        args,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://news.example/a?x=1&y=$(touch pwned);z";

    fn built(browser: Option<&str>) -> (String, Vec<String>) {
        let c = command(browser, URL, false).expect("an http link opens");
        (c.program, c.args)
    }

    #[test]
    fn command_uses_the_system_opener_without_browser() {
        assert_eq!(built(None), ("xdg-open".into(), vec![URL.to_string()]));
        assert_eq!(
            built(Some("   ")),
            ("xdg-open".into(), vec![URL.to_string()])
        );
        let mac = command(None, URL, true).expect("opens");
        assert_eq!(mac.program, "open");
    }

    #[test]
    fn command_splits_browser_on_white_space_and_appends_the_link() {
        assert_eq!(
            built(Some("firefox  --new-tab")),
            ("firefox".into(), vec!["--new-tab".into(), URL.to_string()])
        );
    }

    #[test]
    fn command_puts_the_link_in_place_of_percent_u_as_one_argument() {
        assert_eq!(
            built(Some("w3m -o x=1 %u -F")),
            (
                "w3m".into(),
                vec!["-o".into(), "x=1".into(), URL.to_string(), "-F".into()]
            )
        );
        assert_eq!(
            built(Some("browser --url=%u")),
            ("browser".into(), vec![format!("--url={URL}")])
        );
    }

    #[test]
    fn command_refuses_links_that_are_not_http() {
        let cases = [
            ("file:///etc/passwd", "not opening a file:// link"),
            ("FILE:///etc/passwd", "not opening a file:// link"),
            ("javascript:alert(1)", "not opening a javascript: link"),
            ("mailto:a@b.example", "not opening a mailto: link"),
            (
                "news.example/a",
                "not opening news.example/a: not a web address",
            ),
        ];
        for (url, why) in cases {
            assert_eq!(command(Some("firefox"), url, false), Err(why.to_string()));
        }
        assert!(command(None, "HTTPS://NEWS.EXAMPLE/", false).is_ok());
        assert!(command(None, "http://news.example/", false).is_ok());
        assert_eq!(
            refusal(None).as_deref(),
            Some("no web address for this article")
        );
        assert_eq!(
            refusal(Some("  ")).as_deref(),
            Some("no web address for this article")
        );
    }
}
