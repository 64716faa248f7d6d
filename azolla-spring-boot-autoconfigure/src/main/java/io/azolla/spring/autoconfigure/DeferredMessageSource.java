package io.azolla.spring.autoconfigure;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.HierarchicalMessageSource;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.DelegatingMessageSource;

/**
 * The message source of an invocation-mode context whose application defines none: what the
 * context would create itself, an empty {@link DelegatingMessageSource}, but created when a
 * message is first asked for. Loading that class is what costs: its base class lists every
 * locale the JVM knows ({@link Locale#getAvailableLocales()}, all of the CLDR data) when it is
 * initialised, tens of milliseconds on every start, and most tasks never resolve a message.
 */
final class DeferredMessageSource implements HierarchicalMessageSource {

	private final Object lock = new Object();

	private volatile @Nullable MessageSource parent;

	private volatile @Nullable DelegatingMessageSource delegate;

	@Override
	public void setParentMessageSource(@Nullable MessageSource parent) {
		synchronized (this.lock) {
			this.parent = parent;
			DelegatingMessageSource created = this.delegate;
			if (created != null) {
				created.setParentMessageSource(parent);
			}
		}
	}

	@Override
	public @Nullable MessageSource getParentMessageSource() {
		return this.parent;
	}

	@Override
	public @Nullable String getMessage(String code, Object @Nullable [] args, @Nullable String defaultMessage,
			@Nullable Locale locale) {
		return delegate().getMessage(code, args, defaultMessage, locale);
	}

	@Override
	public String getMessage(String code, Object @Nullable [] args, @Nullable Locale locale)
			throws NoSuchMessageException {
		return delegate().getMessage(code, args, locale);
	}

	@Override
	public String getMessage(MessageSourceResolvable resolvable, @Nullable Locale locale)
			throws NoSuchMessageException {
		return delegate().getMessage(resolvable, locale);
	}

	/**
	 * Whether the delegate has been created, that is, whether a message was asked for.
	 */
	boolean isInitialized() {
		return this.delegate != null;
	}

	private DelegatingMessageSource delegate() {
		DelegatingMessageSource created = this.delegate;
		if (created == null) {
			synchronized (this.lock) {
				created = this.delegate;
				if (created == null) {
					created = new DelegatingMessageSource();
					created.setParentMessageSource(this.parent);
					this.delegate = created;
				}
			}
		}
		return created;
	}

	@Override
	public String toString() {
		// As DelegatingMessageSource says it, without creating one.
		MessageSource currentParent = this.parent;
		return (currentParent != null) ? currentParent.toString() : "Empty MessageSource";
	}

}
