import TrackLintParsing

/// Evidence in a message's headers that a platform sent it.
public struct HeaderFingerprint: Sendable {
    public enum Test: Sendable {
        /// The header is present (and not empty).
        case present
        /// The header's value contains this text (case-insensitive).
        case contains(String)
        /// The header's value ends with this text (case-insensitive), ignoring a trailing `>`.
        case endsWith(String)
    }

    public let header: String
    public let test: Test
    /// 3 for evidence that names the platform on its own; 1 for a hint that needs company.
    public let weight: Int
    /// The header's name as `HeaderFields` keys it, made once: every message is tested against
    /// every fingerprint.
    package let key: String

    package init(_ header: String, _ test: Test = .present, weight: Int = 3) {
        self.header = header
        self.test = test
        self.weight = weight
        key = header.asciiLowercased()
    }

    /// The matching field, if any.
    package func match(_ headers: HeaderFields) -> HeaderField? {
        headers.all(lowercasedName: key).first { field in
            switch test {
            case .present: return !field.value.isEmpty
            case .contains(let text): return field.value.containsBytes(text, caseInsensitive: true)
            case .endsWith(let text):
                let value = field.value.lowercased()
                let trimmed = value.hasSuffix(">") ? String(value.dropLast()) : value
                return trimmed.hasSuffix(text.lowercased())
            }
        }
    }

    package var description: String {
        switch test {
        case .present: return "header \(header)"
        case .contains(let text), .endsWith(let text): return "header \(header) \(text)"
        }
    }
}

/// Everything tracklint knows about one sending platform, in one place (facts:
/// `knowledge/esp-facts.md`): how to recognise its mail, and its tracking URL shapes.
/// A class: profiles are read for every message, and copying one copies seven arrays.
public final class PlatformProfile: Sendable {
    /// The lower-case id used in `diagnosis.platform.name` and `--platform`.
    public let id: String
    public let headers: [HeaderFingerprint]
    public let clickShapes: [URLShape]
    public let pixelShapes: [URLShape]
    /// The placeholder syntax of its template language.
    public let mergeTags: [MergeTagDialect]
    /// Its unsubscribe placeholders as written in templates.
    public let unsubscribePlaceholders: [String]
    /// Attributes (or `class=name`) with which its templates exclude a link from click tracking.
    public let optOutMarkers: [String]
    /// Platforms whose headers this one's mail also carries (Klaviyo and Kit send through SendGrid):
    /// when both match, this profile wins.
    public let overrides: [String]
    /// Whether other platforms deliver their mail through this one (Mailgun, SES, SendGrid, ...):
    /// then its headers name the relay, and a builder found beside it owns the tracking.
    public let isTransport: Bool
    /// Text that this platform's templates contain (`mc:edit`, `{% module`), searched in the source
    /// as written. Text that several platforms declare weighs less than text unique to one.
    public let templateSignals: [String]

    package init(_ id: String, headers: [HeaderFingerprint] = [], clicks: [URLShape] = [], pixels: [URLShape] = [],
         mergeTags: [MergeTagDialect] = [], unsubscribe: [String] = [], optOut: [String] = [], overrides: [String] = [],
         transport: Bool = false, templateSignals: [String] = []) {
        self.id = id
        self.mergeTags = mergeTags
        self.headers = headers
        self.clickShapes = clicks
        self.pixelShapes = pixels
        self.unsubscribePlaceholders = unsubscribe
        self.optOutMarkers = optOut
        self.overrides = overrides
        self.isTransport = transport
        self.templateSignals = templateSignals
    }
}

public enum PlatformProfiles {
    public static let all: [PlatformProfile] = [
        PlatformProfile("mautic",
                        headers: [HeaderFingerprint("X-EMAIL-ID", weight: 1)],
                        clicks: [URLShape("mautic", path: "/r/", query: "ct")],
                        pixels: [URLShape("mautic", path: "/email/", suffix: ".gif")],
                        mergeTags: [.singleBrace, .handlebars, .pipe],
                        unsubscribe: ["{unsubscribe_url}", "{unsubscribe_text}", "{dnc_url}", "|URL|"],
                        optOut: ["mautic:disable-tracking"],
                        templateSignals: ["{unsubscribe_url}", "{unsubscribe_text}", "{webview_url}", "{webview_text}", "{dnc_url}", "{tracking_pixel}", "{contactfield=", "{ownerfield=", "mautic:disable-tracking", "{pagelink=", "{assetlink="]),
        PlatformProfile("mailgun",
                        headers: [HeaderFingerprint("X-Mailgun-Sid"), HeaderFingerprint("X-Mailgun-Sending-Ip"),
                                  HeaderFingerprint("X-Mailgun-Tag", weight: 1), HeaderFingerprint("Received", .contains("mailgun.net"))],
                        clicks: [URLShape("mailgun", firstLabel: "email", path: "/c/")],
                        pixels: [URLShape("mailgun", firstLabel: "email", path: "/o/")],
                        mergeTags: [.percent, .handlebars],
                        unsubscribe: ["%unsubscribe_url%", "%tag_unsubscribe_url%", "%mailing_list_unsubscribe_url%"],
                        transport: true,
                        templateSignals: ["%recipient.", "%unsubscribe_url%", "%tag_unsubscribe_url%", "%mailing_list_unsubscribe_url%", "%recipient_email%"]),
        PlatformProfile("mandrill",
                        headers: [HeaderFingerprint("X-Mandrill-User"), HeaderFingerprint("X-MC-Track", weight: 1)],
                        clicks: [URLShape("mandrill", host: "mandrillapp.com", path: "/track/click/")],
                        pixels: [URLShape("mandrill", host: "mandrillapp.com", path: "/track/open.php")],
                        mergeTags: [.mailchimp, .handlebars],
                        unsubscribe: ["*|UNSUB|*"],
                        optOut: ["mc:disable-tracking"],
                        overrides: ["mailchimp"],
                        transport: true,
                        templateSignals: ["*|UNSUB|*", "*|MC_PREVIEW_TEXT|*"]),
        // X-MC-Unique is Mimecast's, not Mailchimp's: only X-MC-User counts.
        PlatformProfile("mailchimp",
                        headers: [HeaderFingerprint("X-MC-User"), HeaderFingerprint("X-Mailer", .contains("mailchimp mailer")),
                                  HeaderFingerprint("Feedback-ID", .endsWith(":mc")), HeaderFingerprint("X-campaignid", .contains("mailchimp"))],
                        clicks: [URLShape("mailchimp", host: "list-manage.com", path: "/track/click")],
                        pixels: [URLShape("mailchimp", host: "list-manage.com", path: "/track/open.php")],
                        mergeTags: [.mailchimp],
                        unsubscribe: ["*|UNSUB|*", "*|UPDATE_PROFILE|*"],
                        optOut: ["mc:disable-tracking"],
                        templateSignals: ["mc:edit", "mc:repeatable", "mc:hideable", "mc:variant", "mc:label", "mc:allowdesigner", "mc:allowtext", "*|MC:SUBJECT|*", "*|MC_PREVIEW_TEXT|*", "*|ARCHIVE|*", "*|UPDATE_PROFILE|*", "*|LIST:ADDRESS|*", "*|HTML:LIST_ADDRESS_HTML|*", "*|REWARDS|*", "*|FORWARD|*", "*|LIST:DESCRIPTION|*", "*|LIST:COMPANY|*", "*|UNSUB|*", "*|ABOUT_LIST|*", "*|EMAIL|*"]),
        PlatformProfile("klaviyo",
                        headers: [HeaderFingerprint("X-Kmail-Account"), HeaderFingerprint("X-Kmail-Message"),
                                  HeaderFingerprint("X-Kmail-Ops"), HeaderFingerprint("Return-Path", .contains("klaviyomail.com"))],
                        clicks: [URLShape("klaviyo", host: "klclick.com", path: "/l/"), URLShape("klaviyo", host: "klclick1.com", path: "/l/"),
                                 URLShape("klaviyo", host: "klclick2.com", path: "/l/"), URLShape("klaviyo", host: "klclick3.com", path: "/l/"),
                                 URLShape("klaviyo", host: "klclick.com", path: "/ls/click")],
                        pixels: [URLShape("klaviyo", host: "klclick.com", path: "/o/"), URLShape("klaviyo", host: "klclick.com", path: "/wf/open")],
                        mergeTags: [.handlebars, .liquidTag],
                        unsubscribe: ["{% unsubscribe %}", "{% unsubscribe_link %}"],
                        overrides: ["sendgrid"],
                        templateSignals: ["{% unsubscribe_link %}", "{% manage_preferences %}", "{% web_view %}", "{{ organization.name }}", "{{ organization.full_address }}", "{{ person.", "{% unsubscribe %}"]),
        PlatformProfile("kit",
                        headers: [HeaderFingerprint("Message-ID", .contains("convertkit-mail")), HeaderFingerprint("Feedback-ID", .endsWith(":ck")),
                                  HeaderFingerprint("X-Report-Abuse", .contains("convertkit.com")), HeaderFingerprint("Received", .contains("convertkit.com"))],
                        clicks: [URLShape("kit", host: "convertkit-mail.com", path: "/"), URLShape("kit", host: "convertkit-mail2.com", path: "/"),
                                 URLShape("kit", host: "convertkit-mail4.com", path: "/")],
                        pixels: [URLShape("kit", host: "convertkit-mail.com", firstLabel: "open", path: "/"),
                                 URLShape("kit", host: "convertkit-mail2.com", firstLabel: "open", path: "/"),
                                 URLShape("kit", host: "convertkit-mail4.com", firstLabel: "open", path: "/")],
                        mergeTags: [.handlebars, .liquidTag],
                        unsubscribe: ["{{ unsubscribe_url }}", "{{ unsubscribe_link }}"],
                        overrides: ["sendgrid"],
                        templateSignals: ["{{ unsubscribe_url }}", "{{ unsubscribe_link }}", "{{ subscriber.", "{{ message_content }}", "{{ address }}"]),
        PlatformProfile("sendgrid",
                        headers: [HeaderFingerprint("X-SG-EID"), HeaderFingerprint("X-SG-ID"),
                                  HeaderFingerprint("Message-ID", .contains("geopod-ismtpd"), weight: 1)],
                        clicks: [URLShape("sendgrid", path: "/ls/click", query: "upn"), URLShape("sendgrid", path: "/wf/click", query: "upn")],
                        pixels: [URLShape("sendgrid", path: "/wf/open", query: "upn")],
                        mergeTags: [.handlebars, .sendgridLegacy, .singleBracket],
                        unsubscribe: ["<%asm_group_unsubscribe_raw_url%>", "<%asm_global_unsubscribe_raw_url%>", "<%asm_preferences_raw_url%>", "{{{unsubscribe}}}", "[Unsubscribe]"],
                        optOut: ["clicktracking"],
                        transport: true,
                        templateSignals: ["<%asm_group_unsubscribe_raw_url%>", "<%asm_global_unsubscribe_raw_url%>", "<%asm_preferences_raw_url%>", "<%asm_group_unsubscribe_url%>", "<%asm_global_unsubscribe_url%>", "<%asm_preferences_url%>", "[Unsubscribe_Preferences]", "[Sender_Name]", "[Sender_Address]", "[Sender_City]", "[Sender_State]", "[Sender_Zip]", "{{{unsubscribe}}}", "{{{unsubscribe_preferences}}}", "[Unsubscribe]", "<%body%>"]),
        // X-PM-Message-Id alone may be Proton Mail's: it needs company.
        PlatformProfile("postmark",
                        headers: [HeaderFingerprint("X-PM-Message-Id", weight: 1), HeaderFingerprint("Return-Path", .contains("mtasv.net")),
                                  HeaderFingerprint("Received", .contains("mtasv.net"))],
                        clicks: [URLShape("postmark", host: "click.pstmrk.it", path: "/")],
                        pixels: [URLShape("postmark", host: "pstmrk.it", path: "/open")],
                        mergeTags: [.handlebars],
                        unsubscribe: ["{{{ pm:unsubscribe }}}"],
                        optOut: ["data-pm-no-track"],
                        transport: true,
                        templateSignals: ["{{{ pm:unsubscribe }}}", "{{{pm:unsubscribe}}}", "data-pm-no-track", "{{{ @content }}}"]),
        PlatformProfile("brevo",
                        headers: [HeaderFingerprint("X-Mailin-EID"), HeaderFingerprint("X-sib-id"), HeaderFingerprint("Feedback-ID", .endsWith(":sendinblue")),
                                  HeaderFingerprint("Message-ID", .contains("sendinblue.com")),
                                  HeaderFingerprint("X-Mailin-Campaign"), HeaderFingerprint("X-Mailin-Client"), HeaderFingerprint("X-Mailin-Tag"),
                                  HeaderFingerprint("X-Mailin-custom"), HeaderFingerprint("Received", .contains("sendinblue.com")),
                                  HeaderFingerprint("Received", .contains("brevo.com")), HeaderFingerprint("Return-Path", .contains("sender-sib.com"))],
                        clicks: [URLShape("brevo", host: "sendibm1.com", path: "/mk/cl/"), URLShape("brevo", host: "sendibt2.com", path: "/tr/cl/"),
                                 URLShape("brevo", host: "sendibt3.com", path: "/tr/cl/"), URLShape("brevo", host: "sendibm2.com", path: "/mk/cl/")],
                        pixels: [URLShape("brevo", host: "sendibm1.com", path: "/mk/op/"), URLShape("brevo", host: "sendibt2.com", path: "/tr/op/"),
                                 URLShape("brevo", host: "sendibt3.com", path: "/tr/op/"), URLShape("brevo", host: "sendibm2.com", path: "/mk/op/")],
                        mergeTags: [.handlebars, .singleBracket],
                        unsubscribe: ["{{ unsubscribe }}", "[UNSUBSCRIBE]"],
                        templateSignals: ["{{ mirror }}", "{{ update_profile }}", "{{ unsubscribe }}", "{{ contact.", "{{ params.", "[UNSUBSCRIBE]", "[DEFAULT_UNSUBSCRIBE_LINK]"]),
        PlatformProfile("hubspot",
                        headers: [HeaderFingerprint("X-HS-Cid"), HeaderFingerprint("Received", .contains("hubspotemail.net"))],
                        clicks: [URLShape("hubspot", host: "hubspotlinks.com", path: "/"), URLShape("hubspot", host: "hubspotemail.net", path: "/e2t/c/"),
                                 URLShape("hubspot", host: "hubspotemail.net", path: "/e1t/c/"), URLShape("hubspot", host: "hubspotemail.net", path: "/e2t/tc/")],
                        pixels: [URLShape("hubspot", host: "hubspotemail.net", path: "/e2t/to/"), URLShape("hubspot", host: "hubspotemail.net", path: "/e1t/o/"),
                                 URLShape("hubspot", host: "hubspotemail.net", path: "/e2t/o/")],
                        mergeTags: [.handlebars, .liquidTag],
                        unsubscribe: ["{{ unsubscribe_link }}", "{{ unsubscribe_link_all }}"],
                        templateSignals: ["{% module", "{% dnd_area", "{% dnd_section", "{% dnd_module", "{% widget_block", "{{ site_settings.", "{{ unsubscribe_link_all }}", "{{ unsubscribe_link }}", "{{ unsubscribe_section", "{{ view_as_page_url }}", "{{ contact.", "data-hs-link-id", "{{ standard_header_includes }}", "{{ standard_footer_includes }}"]),
        PlatformProfile("salesforce",
                        headers: [HeaderFingerprint("X-SFMC-Stack"), HeaderFingerprint("Feedback-ID", .endsWith(":sfmktgcld")),
                                  HeaderFingerprint("x-CSA-Compliance-Source", .contains("sfmc"))],
                        clicks: [URLShape("salesforce", host: "exct.net", path: "/")],
                        pixels: [URLShape("salesforce", path: "/open.aspx")],
                        mergeTags: [.salesforce],
                        unsubscribe: ["%%unsub_center_url%%", "%%profile_center_url%%"],
                        templateSignals: ["%%=", "%%[", "%%profile_center_url%%", "%%unsub_center_url%%", "%%subscription_center_url%%", "%%view_email_url%%", "%%Member_Busname%%", "%%Member_Addr%%", "%%emailaddr%%", "%%_subscriberkey%%", "<custom name=\"opencounter\""]),
        PlatformProfile("marketo",
                        headers: [HeaderFingerprint("X-MarketoID"), HeaderFingerprint("X-MktArchive"), HeaderFingerprint("X-MktMailDKIM")],
                        pixels: [URLShape("marketo", path: "/trk", query: "mid")],
                        mergeTags: [.handlebars, .dollarBrace],
                        unsubscribe: ["{{system.unsubscribeLink}}"],
                        optOut: ["class=mktnotrack"],
                        templateSignals: ["{{system.unsubscribeLink}}", "{{system.viewAsWebpageLink}}", "{{lead.", "{{my.", "{{company.", "class=\"mktoText\"", "class=\"mktoImg\"", "class=\"mktoModule\"", "class=\"mktoContainer\"", "mktEditable", "mktNoTrack"]),
        PlatformProfile("ses",
                        headers: [HeaderFingerprint("X-SES-Outgoing"), HeaderFingerprint("Feedback-ID", .contains("amazonses")),
                                  HeaderFingerprint("Message-ID", .contains("amazonses.com"))],
                        clicks: [URLShape("ses", host: "awstrack.me", path: "/l0/")],
                        pixels: [URLShape("ses", host: "awstrack.me", path: "/i0/")],
                        mergeTags: [.handlebars],
                        optOut: ["ses:no-track"],
                        transport: true,
                        templateSignals: ["{{ses:openTracker}}", "ses:no-track", "ses:tags=", "{{amazonSESUnsubscribeUrl}}"]),
        PlatformProfile("mailjet",
                        headers: [HeaderFingerprint("X-MJ-Mid"), HeaderFingerprint("X-Mailjet-Campaign"), HeaderFingerprint("DKIM-Signature", .contains("s=mailjet"))],
                        clicks: [URLShape("mailjet", host: "mjt.lu", path: "/lnk/")],
                        pixels: [URLShape("mailjet", host: "mjt.lu", path: "/oo/")],
                        mergeTags: [.doubleBracket, .handlebars, .liquidTag],
                        unsubscribe: ["[[UNSUB_LINK_EN]]"],
                        templateSignals: ["[[UNSUB_LINK_", "[[PERMALINK]]", "[[var:", "[[data:", "{{var:", "{{data:", "[[SHARE_"]),
        PlatformProfile("cleverreach",
                        headers: [HeaderFingerprint("Received", .contains("cleverreach")), HeaderFingerprint("Return-Path", .contains("cleverreach"))],
                        clicks: [URLShape("cleverreach", host: "cleverreach.de", path: "/c/")],
                        mergeTags: [.singleBrace],
                        unsubscribe: ["{UNSUBSCRIBE}"],
                        templateSignals: ["{UNSUBSCRIBE}", "{ONLINE_VERSION}", "{FORWARD}"]),
        PlatformProfile("campaignmonitor",
                        headers: [HeaderFingerprint("X-Complaints-To", .contains("cmail"))],
                        clicks: [URLShape("campaignmonitor", host: "createsend1.com", path: "/t/"), URLShape("campaignmonitor", host: "cmail19.com", path: "/t/"),
                                 URLShape("campaignmonitor", host: "cmail20.com", path: "/t/")],
                        mergeTags: [.singleBracket],
                        unsubscribe: ["<unsubscribe>", "[unsubscribe]"],
                        optOut: ["cm_dontconvertlink"],
                        templateSignals: ["<unsubscribe", "<webversion", "<preferences", "<forwardtoafriend", "[firstname,fallback=", "[unsubscribe]", "cm_dontconvertlink"]),
        PlatformProfile("activecampaign",
                        headers: [HeaderFingerprint("Received", .contains("acems")), HeaderFingerprint("X-mid", weight: 1)],
                        clicks: [URLShape("activecampaign", path: "/prod/link-tracker", query: "redirectUrl")],
                        mergeTags: [.percent],
                        unsubscribe: ["%UNSUBSCRIBELINK%"],
                        templateSignals: ["%UNSUBSCRIBELINK%", "%SENDER-INFO", "%UPDATELINK%", "%WEBCOPY%", "%FORWARD2FRIEND%", "%FIRSTNAME%"]),
        PlatformProfile("customerio",
                        headers: [HeaderFingerprint("Received", .contains("customeriomail.com")), HeaderFingerprint("Return-Path", .contains("customeriomail.com"))],
                        clicks: [URLShape("customerio", host: "customeriomail.com", path: "/e/c/")],
                        pixels: [URLShape("customerio", host: "customeriomail.com", path: "/e/o/")],
                        mergeTags: [.handlebars, .liquidTag],
                        unsubscribe: ["{% unsubscribe %}", "{% unsubscribe_url %}"],
                        optOut: ["class=untracked"],
                        templateSignals: ["{% unsubscribe_url %}", "{% view_in_browser_url %}", "{{ customer.", "{% unsubscribe %}", "{% manage_subscription_preferences_url %}"]),
        PlatformProfile("sparkpost",
                        headers: [HeaderFingerprint("X-MSFBL"), HeaderFingerprint("Received", .contains("sparkpostmail.com"))],
                        clicks: [URLShape("sparkpost", path: "/f/a/")],
                        mergeTags: [.handlebars],
                        optOut: ["data-msys-clicktrack"],
                        transport: true,
                        templateSignals: ["data-msys-clicktrack", "data-msys-unsubscribe", "data-msys-linkname", "data-msys-sublink"]),
        PlatformProfile("iterable",
                        headers: [HeaderFingerprint("Received", .contains("iterable.com"))],
                        clicks: [URLShape("iterable", host: "links.iterable.com", path: "/a/")],
                        mergeTags: [.handlebars],
                        unsubscribe: ["{{unsubscribeUrl}}", "{{hostedUnsubscribeUrl}}"],
                        templateSignals: ["{{unsubscribeUrl}}", "{{hostedUnsubscribeUrl}}", "{{unsubscribeMessageTypeUrl}}", "{{viewInBrowserUrl}}"]),
        PlatformProfile("constantcontact",
                        headers: [HeaderFingerprint("X-Roving-Id"), HeaderFingerprint("X-Roving-Campaignid"), HeaderFingerprint("X-CTCT-ID"),
                                  HeaderFingerprint("X-Mailer", .contains("constant contact"))],
                        clicks: [URLShape("constantcontact", host: "rs6.net", path: "/tn.jsp")],
                        pixels: [URLShape("constantcontact", host: "rs6.net", path: "/on.jsp")],
                        mergeTags: [.singleBrace],
                        unsubscribe: ["{unsubscribe}"],
                        templateSignals: ["[[trackingImage]]"]),
        PlatformProfile("listmonk",
                        pixels: [URLShape("listmonk", path: "/campaign/", suffix: "/px.png", singleSegment: false)],
                        mergeTags: [.handlebars],
                        unsubscribe: ["{{ UnsubscribeURL }}"],
                        templateSignals: ["{{ TrackLink", "@TrackLink", "{{ TrackView }}", "{{ UnsubscribeURL }}", "{{ ManageURL }}", "{{ MessageURL }}", "{{ OptinURL }}", "{{ .Subscriber."]),
        // Platforms the corpus shows beyond the fact sheet's list.
        PlatformProfile("inxmail",
                        headers: [HeaderFingerprint("X-Mailer", .contains("inxmail")), HeaderFingerprint("Feedback-ID", .endsWith(":inxmailde")),
                                  HeaderFingerprint("Received", .contains("inxserver.de"))]),
        PlatformProfile("elaine",
                        headers: [HeaderFingerprint("X-MA-Provider", .contains("elaine")), HeaderFingerprint("Received", .contains("artegic.net"))]),
        PlatformProfile("phplist",
                        headers: [HeaderFingerprint("X-phpList-version")],
                        templateSignals: ["[PREFERENCES]", "[FORWARD]", "[USERID]", "[UNSUBSCRIBE]"]),
        PlatformProfile("newsletter2go",
                        headers: [HeaderFingerprint("X-rpcampaign"), HeaderFingerprint("Received", .contains("amxe.net"), weight: 1)]),
    ]

    /// Weight at which evidence names a platform.
    package static let confidentWeight = 3

    public static func profile(_ id: String) -> PlatformProfile? { all.first { $0.id == id } }

    /// The platforms whose templates use a placeholder, compared without case and white space.
    public static func platforms(usingUnsubscribePlaceholder text: String) -> [String] {
        let key = text.replacingSpaces()
        return all.filter { $0.unsubscribePlaceholders.contains { $0.replacingSpaces() == key } }.map(\.id)
    }

    /// Each do-not-track marker and the platforms that honour it.
    public static let optOutMarkers: [String: [String]] = {
        var markers: [String: [String]] = [:]
        for profile in all {
            for marker in profile.optOutMarkers { markers[marker, default: []].append(profile.id) }
        }
        return markers
    }()

    /// The platform a message's headers name, with the evidence; nil when no platform has enough.
    public static func detect(headers: HeaderFields) -> (name: String, evidence: [String])? {
        let scores = headerScores(headers)
        let overridden = Set(scores.filter { $0.weight >= confidentWeight }.flatMap(\.profile.overrides))
        guard let best = scores.filter({ !overridden.contains($0.profile.id) && $0.weight >= confidentWeight })
            .max(by: { $0.weight < $1.weight }) else { return nil }
        return (best.profile.id, best.evidence)
    }

    /// Every platform some header fingerprint points at, with the summed weight and the evidence.
    package static func headerScores(_ headers: HeaderFields) -> [(profile: PlatformProfile, weight: Int, evidence: [String])] {
        all.compactMap { profile in
            var weight = 0
            var evidence: [String] = []
            for fingerprint in profile.headers where fingerprint.match(headers) != nil {
                weight += fingerprint.weight
                evidence.append(fingerprint.description)
            }
            return weight > 0 ? (profile, weight, evidence) : nil
        }
    }
}
