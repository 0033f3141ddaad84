package io.datadump.portal;

import io.datadump.schema.TableCatalog;
import io.datadump.schema.TableDefinition;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.IMessageResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the portal's pages: Thymeleaf templates from {@code portal/templates/} in HTML mode, where every value is
 * escaped unless a template says otherwise (none does), with the texts of {@code portal/messages_<lang>.properties}.
 */
public final class Pages {
    private final TemplateEngine engine = new TemplateEngine();

    public Pages() {
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver(Pages.class.getClassLoader());
        templates.setPrefix("portal/templates/");
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding("UTF-8");
        templates.setCacheable(true);
        engine.setTemplateResolver(templates);
        engine.setMessageResolver(new Messages());
    }

    String render(String template, Locale locale, Map<String, Object> model) {
        return engine.process(template, new Context(locale, model));
    }

    /** One text in the language, e.g. for a sentence shown as a notice. */
    static String text(Locale locale, String key, Object... args) {
        String pattern = bundle(locale).getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /**
     * A table's name for people: on German pages the catalog's label (Propstack's own, German), on others the
     * language's name of a built-in table, and the catalog's label for a table it has none for (an operator's own).
     */
    static String tableLabel(TableCatalog catalog, String table, Locale locale) {
        String label = catalog.find(table).map(TableDefinition::label).orElse(table);
        if (locale.getLanguage().equals("de")) return label;
        try {
            return text(locale, "table." + table);
        } catch (MissingResourceException e) {
            return label;
        }
    }

    /** The catalog's tables for a page's table chooser: each one's name, and its label in the page's language. */
    static List<Map<String, String>> tableChoices(TableCatalog catalog, Locale locale) {
        return catalog.names().stream()
                .map(name -> Map.of("name", name, "label", tableLabel(catalog, name, locale)))
                .toList();
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("portal.messages", locale, Pages.class.getClassLoader(), NO_FALLBACK);
    }

    /** English is the base bundle: no look-up of the machine's default locale in between. */
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /** #{key} and #{key(args)} in templates. */
    private static final class Messages implements IMessageResolver {
        @Override
        public String getName() {
            return "portal-messages";
        }

        @Override
        public Integer getOrder() {
            return 0;
        }

        @Override
        public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] args) {
            try {
                return text(context.getLocale(), key, args == null ? new Object[0] : args);
            } catch (MissingResourceException e) {
                return null;
            }
        }

        @Override
        public String createAbsentMessageRepresentation(
                ITemplateContext context, Class<?> origin, String key, Object[] args) {
            return "??" + key + "_" + context.getLocale() + "??";
        }
    }
}
