/// Every platform tracklint knows, one line each; a platform's facts are in its file under
/// `Platforms/`. Order matters where shapes overlap: the first profile whose pixel or click shape a
/// URL has names it.
public enum PlatformProfiles {
    public static let all: [PlatformProfile] = [
        .mautic,
        .substack,
        .mailgun,
        .mandrill,
        .mailchimp,
        .klaviyo,
        .kit,
        .sendgrid,
        .postmark,
        .brevo,
        .hubspot,
        .salesforce,
        .marketo,
        .ses,
        .mailjet,
        .cleverreach,
        .campaignmonitor,
        .activecampaign,
        .customerio,
        .sparkpost,
        .iterable,
        .constantcontact,
        .listmonk,
        .postal,
        .mailerlite,
        .braze,
        .getresponse,
        .zohocampaigns,
        .rapidmail,
        .smtpcom,
        // Platforms the corpus shows beyond the fact sheet's list.
        .inxmail,
        .elaine,
        .phplist,
        .newsletter2go,
    ]
}

/// Every recipient-side security gateway tracklint knows, one line each (files under `Gateways/`).
public enum Gateways {
    public static let all: [Gateway] = [
        .proofpoint,
        .microsoft,
        .mimecast,
        .barracuda,
        .cisco,
        .trendMicro,
        .sophos,
        .trellix,
        .googleRedirect,
    ]
}
