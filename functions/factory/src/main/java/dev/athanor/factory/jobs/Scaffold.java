package dev.athanor.factory.jobs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files the create phase lays down before any agent writes code, as {@code flutter create} would: a pubspec,
 * an entry point, an analysis configuration and a README. Agents replace them as they go.
 */
final class Scaffold {

    private Scaffold() {
    }

    static Map<String, String> files(Map<String, String> vars) {
        String slug = vars.getOrDefault("slug", "app");
        String pkg = slug.replace('-', '_');
        String name = vars.getOrDefault("name", slug);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("source/pubspec.yaml", """
                name: %s
                description: %s
                publish_to: none
                version: 1.0.0+1
                environment:
                  sdk: ">=3.3.0 <4.0.0"
                dependencies:
                  flutter:
                    sdk: flutter
                dev_dependencies:
                  flutter_test:
                    sdk: flutter
                  flutter_lints: ^4.0.0
                flutter:
                  uses-material-design: true
                """.formatted(pkg, oneLine(vars.getOrDefault("description", name))));
        files.put("source/analysis_options.yaml", "include: package:flutter_lints/flutter.yaml\n");
        files.put("source/lib/main.dart", """
                import 'package:flutter/material.dart';

                void main() => runApp(const App());

                class App extends StatelessWidget {
                  const App({super.key});

                  @override
                  Widget build(BuildContext context) {
                    return MaterialApp(
                      title: '%s',
                      home: const Scaffold(body: Center(child: Text('%s'))),
                    );
                  }
                }
                """.formatted(dartString(name), dartString(name)));
        files.put("source/README.md", "# " + name + "\n\n" + vars.getOrDefault("description", "") + "\n\n"
                + "Platforms: " + vars.getOrDefault("platform", "") + "\n");
        return files;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").replace("\"", "'").strip();
    }

    private static String dartString(String text) {
        return oneLine(text).replace("\\", "\\\\").replace("'", "\\'").replace("$", "\\$");
    }
}
