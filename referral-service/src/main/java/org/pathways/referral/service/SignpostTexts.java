package org.pathways.referral.service;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.pathways.referral.repository.OutcomeRepository;
import org.pathways.referral.repository.SubjectRepository;
import org.pathways.referral.security.SubjectCrypto;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Signposts written before V46 kept their external organisation in clear. At start-up each is encrypted under her key
 * (or dropped if her key is gone: she was erased), so every free text about her is shredded with her key (issue 14,
 * finding 6). Idempotent: a row already encrypted is never read again; two instances at once both write valid ciphertext.
 */
@ApplicationScoped
public class SignpostTexts {

    private static final Logger LOG = Logger.getLogger(SignpostTexts.class);

    @Inject
    OutcomeRepository outcomes;

    @Inject
    SubjectRepository subjects;

    @Inject
    SubjectCrypto crypto;

    void onStart(@Observes StartupEvent ev) {
        int done = 0;
        while (true) {
            List<OutcomeRepository.ClearSignpost> batch = QuarkusTransaction.requiringNew().call(() -> outcomes.clearSignposts(200));
            if (batch.isEmpty()) break;
            QuarkusTransaction.requiringNew().run(() -> {
                for (OutcomeRepository.ClearSignpost s : batch) {
                    byte[] ciphertext = subjects.wrappedKey(s.subjectId()).map(key -> crypto.encryptReferralText(key, s.subjectId(), s.id(),
                            OutcomeService.SIGNPOST_TEXT, s.externalOrganisation().getBytes(StandardCharsets.UTF_8))).orElse(null);
                    outcomes.encryptSignpost(s.id(), ciphertext);
                }
            });
            done += batch.size();
        }
        if (done > 0) LOG.infof("encrypted %d signpost texts written before V46", done);
    }
}
