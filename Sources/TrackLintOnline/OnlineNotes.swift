/// What `tracklint check` says about `--online` settings it cannot honour.
public enum OnlineNotes {
    /// Foundation's networking on Linux (URLSession over libcurl) verifies certificates against the
    /// system's bundle only: it has no setting for another CA, calls no server-trust delegate, and
    /// ignores SSL_CERT_FILE and CURL_CA_BUNDLE.
    public static func caFileWarning(_ path: String) -> String {
        "tracklint: warning: --ca-file `\(path)` cannot be used: Foundation's networking on Linux trusts only the system's "
            + "certificate bundle (/etc/ssl/certs/ca-certificates.crt); add the CA there (update-ca-certificates) to trust it\n"
    }
}
