package org.pathways.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail) for the local stack: notification-service's e-mail goes somewhere a person (the demo)
 * or a test (the system tests) can look. Every message delivered is written as one {@code .eml} file (RFC 822, as
 * received) to the profile's mail folder; nothing is relayed anywhere.
 *
 * <p>Run by the launcher as its own process ({@code mail} component): {@code MailSink --port N --dir PATH}.
 */
public final class MailSink {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

    private MailSink() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(option(args, "--port"));
        Path dir = Path.of(option(args, "--dir"));
        GreenMail mail = start(port, dir);
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop, "mail-sink-stop"));
        System.out.println("mail sink: SMTP on 127.0.0.1:" + port + ", every message written to " + dir);
        new CountDownLatch(1).await(); // until SIGTERM
    }

    /** Starts the SMTP server on 127.0.0.1:{@code port}, writing each delivered message to {@code dir}. */
    public static GreenMail start(int port, Path dir) throws IOException {
        Files.createDirectories(dir);
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        AtomicLong counter = new AtomicLong();
        UserManager users = mail.getUserManager();
        // Called once per recipient. The file name carries time and a counter only: no address, no subject.
        users.setMessageDeliveryHandler((message, address) -> {
            String name = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-" + String.format("%05d", counter.incrementAndGet()) + ".eml";
            Path tmp = dir.resolve(name + ".part");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                message.getMessage().writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                // A reader polling the folder never sees half a message.
                Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.println("mail sink: stored " + name);
            GreenMailUser user = users.getUserByEmail(address.getEmail());
            return user != null ? user : users.createUser(address.getEmail(), address.getEmail(), address.getEmail());
        });
        return mail;
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) return args[i + 1];
        }
        throw new IllegalArgumentException("usage: MailSink --port N --dir PATH (missing " + name + ")");
    }
}
