package dev.deskloop.helpdesk;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/** The registry of providers; refuses to start when two claim the same id or one is missing. */
@Component
public class HelpdeskProviders {

    private final Map<ProviderId, HelpdeskProvider> byId = new EnumMap<>(ProviderId.class);

    HelpdeskProviders(List<HelpdeskProvider> providers) {
        for (HelpdeskProvider provider : providers) {
            if (byId.putIfAbsent(provider.id(), provider) != null) {
                throw new IllegalStateException("Two helpdesk providers claim the id " + provider.id().wireName());
            }
        }
        for (ProviderId id : ProviderId.values()) {
            if (!byId.containsKey(id)) {
                throw new IllegalStateException("No helpdesk provider is registered for " + id.wireName());
            }
        }
    }

    public HelpdeskProvider get(ProviderId id) {
        return byId.get(id);
    }

    public Collection<HelpdeskProvider> all() {
        return byId.values();
    }
}
