"""Mailing an outbox message over SMTP."""

import smtplib
from email.message import EmailMessage


class SmtpMailer:
    def __init__(
        self,
        host,
        port=25,
        user="",
        password="",
        starttls=False,
        sender="srtracker@localhost",
        timeout=20,
    ):
        self.host, self.port, self.user, self.password = host, port, user, password
        self.starttls, self.sender, self.timeout = starttls, sender, timeout

    @classmethod
    def from_config(cls, config):
        """None when no SMTP server is configured: messages then stay in the outbox."""
        if not config["SMTP_HOST"]:
            return None
        return cls(
            config["SMTP_HOST"],
            config["SMTP_PORT"],
            config["SMTP_USER"],
            config.get("SMTP_PASSWORD", ""),
            config["SMTP_STARTTLS"],
            config["MAIL_SENDER"],
        )

    def send(self, message):
        mail = EmailMessage()
        mail["From"] = self.sender
        mail["To"] = message.recipient
        mail["Subject"] = message.subject
        mail["Message-ID"] = message.message_id
        mail.set_content(message.body)
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.user:
                smtp.login(self.user, self.password)
            smtp.send_message(mail)
