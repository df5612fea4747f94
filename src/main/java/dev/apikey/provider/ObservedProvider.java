package dev.apikey.provider;

import dev.apikey.core.Provider;
import dev.apikey.core.Notices;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A remote provider whose API calls are reported as {@link Notices#activity activities}, so that a
 * slow call shows progress on a terminal. A proxy rather than a class forwarding each method: a
 * method added to {@link Provider} later is forwarded (and observed) without anyone remembering to.
 */
final class ObservedProvider implements InvocationHandler {
    /** Methods that only read the configuration: no call leaves the machine. */
    private static final Set<String> LOCAL = Set.of("config", "name", "usage", "boundOrigins", "remote",
            "rotationStyle", "maxAge", "rotatesItself");
    private static final Map<String, String> LABELS = Map.of(
            "create", "Creating a key at %s",
            "rotate", "Rotating the key at %s",
            "rotateItself", "Rotating the key at %s",
            "revoke", "Revoking the key at %s",
            "verify", "Checking the new key at %s",
            "list", "Listing keys at %s");

    private final Provider provider;
    private final Notices notices;

    private ObservedProvider(Provider provider, Notices notices) {
        this.provider = provider;
        this.notices = notices;
    }

    static Provider wrap(Provider provider, Notices notices) {
        if (!provider.remote()) {
            return provider;
        }
        return (Provider) Proxy.newProxyInstance(Provider.class.getClassLoader(), new Class<?>[] {Provider.class},
                new ObservedProvider(provider, notices));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class || LOCAL.contains(method.getName())) {
            return call(method, args);
        }
        String label = String.format(LABELS.getOrDefault(method.getName(), "Calling %s"), provider.name());
        try (Notices.Activity activity = notices.activity(label)) {
            if (args != null) {
                for (int i = 0; i < args.length; i++) {
                    if (args[i] instanceof Consumer<?> each) {
                        args[i] = delivering(each, activity);
                    }
                }
            }
            return call(method, args);
        }
    }

    /** Items handed out while the call runs may be printed: the progress line makes way for them. */
    private static <T> Consumer<T> delivering(Consumer<T> each, Notices.Activity activity) {
        return item -> {
            activity.output();
            each.accept(item);
        };
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(provider, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
