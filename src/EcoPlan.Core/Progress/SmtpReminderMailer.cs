using System.Net.Mail;

namespace EcoPlan.Core.Progress;

/// <summary>Settings of the SMTP server reminders go through (EcoPlan:Smtp); no host, no e-mail.</summary>
public sealed record SmtpOptions
{
    public string? Host { get; init; }
    public int Port { get; init; } = 25;
    public bool EnableSsl { get; init; }
    public string? UserName { get; init; }
    public string? Password { get; init; }
    public string From { get; init; } = "ecoplan@localhost";
}

/// <summary>Reminder digests by SMTP through System.Net.Mail.</summary>
public sealed class SmtpReminderMailer(SmtpOptions options) : IReminderMailer
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient(options.Host, options.Port) { EnableSsl = options.EnableSsl };
        if (options.UserName is { Length: > 0 } user)
        {
            client.Credentials = new System.Net.NetworkCredential(user, options.Password);
        }

        using var message = new MailMessage(options.From, to, subject, body) { BodyEncoding = System.Text.Encoding.UTF8, SubjectEncoding = System.Text.Encoding.UTF8 };
        await client.SendMailAsync(message, cancellationToken);
    }
}
