"""ORM models and fields: Django, SQLAlchemy, TypeORM, Prisma; field sensitivity."""

from __future__ import annotations

import pytest

from drift.analysis.structure.boundaries import boundaries
from drift.analysis.structure.prisma import prisma_boundaries
from drift.analysis.structure.sensitivity import classify_field
from tests.unit.structure.support import parse, source


def rows_of(path: str, text: str) -> list[tuple[str, str, str | None, str | None, str | None]]:
    found = boundaries(path, parse(path, text), source(text))
    assert all(r.file == path and r.id == 0 and r.created_at == 0 for r in found)
    return [(r.framework, r.model_name, r.table_name, r.field_name, r.sensitivity) for r in found]


DJANGO = """
from django.db import models


class Customer(models.Model):
    email = models.EmailField(unique=True)
    first_name = models.CharField(max_length=80)
    password_hash = models.CharField(max_length=128)
    email_verified = models.BooleanField(default=False)
    objects = models.Manager()

    class Meta:
        ordering = ["email"]

    def display(self):
        label = models.CharField(max_length=1)
        return self.first_name


class VipCustomer(Customer):
    tier = models.IntegerField()

    class Meta:
        db_table = "vip"


class NotAModel:
    name = models.CharField(max_length=5)
"""


def test_django_models_fields_and_tables() -> None:
    assert rows_of("shop/models.py", DJANGO) == [
        ("django", "Customer", "shop_customer", None, None),
        ("django", "Customer", "shop_customer", "email", "pii"),
        ("django", "Customer", "shop_customer", "first_name", "pii"),
        ("django", "Customer", "shop_customer", "password_hash", "credentials"),
        ("django", "Customer", "shop_customer", "email_verified", None),
        ("django", "VipCustomer", "vip", None, None),
        ("django", "VipCustomer", "vip", "tier", None),
    ]
    found = boundaries("shop/models.py", parse("shop/models.py", DJANGO), source(DJANGO))
    assert {r.confidence for r in found} == {0.95}


DJANGO_ABSTRACT = """
from django.db import models


class Timestamped(models.Model):
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Person(Timestamped):
    email = models.EmailField()

    class Meta(Timestamped.Meta):
        abstract = True


class Employee(Person):
    salary = models.DecimalField(max_digits=9, decimal_places=2)
"""


def test_django_field_options_are_no_model_options_nor_fields() -> None:
    # Django's tests: a ``ManyToManyField(…, db_table="my_m2m_table")`` names the join table,
    # not the model's; ``GeneratedField(output_field=models.IntegerField())`` is one field.
    text = """
    from django.db import models


    class Article(models.Model):
        headline = models.CharField(max_length=100)
        authors = models.ManyToManyField(Author, db_table="my_m2m_table")
        total = models.GeneratedField(
            expression=F("a") + F("b"),
            output_field=models.IntegerField(),
            db_persist=True,
        )


    class C01(models.Model):
        mm_b = models.ManyToManyField("B01", db_table="d01")
        if Image:  # Django's tests: a field only with Pillow installed
            photo = models.ImageField(upload_to="(x)")

        class Meta:
            db_table = "c01"
    """
    assert rows_of("custom_columns/models.py", text) == [
        ("django", "Article", "custom_columns_article", None, None),
        ("django", "Article", "custom_columns_article", "headline", None),
        ("django", "Article", "custom_columns_article", "authors", None),
        ("django", "Article", "custom_columns_article", "total", None),
        ("django", "C01", "c01", None, None),
        ("django", "C01", "c01", "mm_b", None),
        ("django", "C01", "c01", "photo", None),
    ]


def test_django_models_on_a_base_another_file_defines() -> None:
    # QA: ``class Order(TimeStamped)`` with an abstract ``TimeStamped`` of ``core/base.py``
    # and Django's ``ProxyUser(User)`` gave no rows; a ``ModelForm``'s ``Meta`` is no model.
    text = """
    from django import forms
    from django.contrib.auth.models import User
    from django.db import models

    from core.base import TimeStamped


    class Invoice(TimeStamped):
        total = models.IntegerField()

        class Meta:
            db_table = "invoices"


    class Order(TimeStamped):
        status = models.CharField(max_length=10)


    class ProxyUser(User):
        class Meta:
            proxy = True


    class OrderForm(forms.ModelForm):
        class Meta:
            model = Order
            fields = ["status"]
    """
    assert rows_of("shop/models.py", text) == [
        ("django", "Invoice", "invoices", None, None),
        ("django", "Invoice", "invoices", "total", None),
        ("django", "Order", "shop_order", None, None),
        ("django", "Order", "shop_order", "status", None),
        ("django", "ProxyUser", None, None, None),
    ]


def test_django_models_on_a_base_imported_from_a_models_module_in_any_file() -> None:
    # DRF's tests/test_generics.py: ``class SlugBasedModel(RESTFrameworkModel)``, the abstract
    # base from ``tests.models``, with fields of its own, outside a models module. A class on a
    # base imported from elsewhere (``core.base``), or from Django's own ``db.models`` and
    # ``forms.models``, with fields of its own there is no model.
    text = """
    from django.db import models
    from django.db.models import Func
    from django.forms.models import ModelForm

    from core.base import TimeStamped
    from tests.models import RESTFrameworkModel
    from .models import Base as LocalBase


    class SlugBasedModel(RESTFrameworkModel):
        slug = models.SlugField(max_length=32)


    class ChildModel(SlugBasedModel):
        name2 = models.CharField(max_length=100)


    class Note(LocalBase):
        text = models.TextField()


    class Order(TimeStamped):
        status = models.CharField(max_length=10)


    class Plain(RESTFrameworkModel):
        def label(self):
            return "x"


    class Cast(Func):
        kind = CharField(max_length=3)


    class OrderForm(ModelForm):
        status = CharField(max_length=10)
    """
    assert rows_of("tests/test_generics.py", text) == [
        ("django", "SlugBasedModel", "tests_slugbasedmodel", None, None),
        ("django", "SlugBasedModel", "tests_slugbasedmodel", "slug", None),
        ("django", "ChildModel", "tests_childmodel", None, None),
        ("django", "ChildModel", "tests_childmodel", "name2", None),
        ("django", "Note", "tests_note", None, None),
        ("django", "Note", "tests_note", "text", None),
    ]


def test_django_abstract_models_have_no_table_and_lend_their_fields() -> None:
    assert rows_of("staff/models.py", DJANGO_ABSTRACT) == [
        ("django", "Timestamped", None, None, None),
        ("django", "Timestamped", None, "created", None),
        ("django", "Person", None, None, None),
        ("django", "Person", None, "created", None),
        ("django", "Person", None, "email", "pii"),
        ("django", "Employee", "staff_employee", None, None),
        ("django", "Employee", "staff_employee", "created", None),  # copied into its table
        ("django", "Employee", "staff_employee", "email", "pii"),
        ("django", "Employee", "staff_employee", "salary", "financial"),
    ]


SQLALCHEMY = """
from sqlalchemy import Column, Integer, String, ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    iban: Mapped[str]
    ssn = Column(String(11))
    owner_id = Column(Integer, ForeignKey("users.id"))
    owner: Mapped["User"] = relationship(back_populates="accounts")


class Helper:
    value = 1
"""


def test_sqlalchemy_declarative_models() -> None:
    assert rows_of("bank/models.py", SQLALCHEMY) == [
        ("sqlalchemy", "Account", "accounts", None, None),
        ("sqlalchemy", "Account", "accounts", "id", None),
        ("sqlalchemy", "Account", "accounts", "iban", "financial"),
        ("sqlalchemy", "Account", "accounts", "ssn", "pii"),
        ("sqlalchemy", "Account", "accounts", "owner_id", None),
    ]


def test_a_model_in_a_docstring_declares_nothing() -> None:
    # SQLAlchemy-Utils documents each column type with an example model.
    text = '''
import sqlalchemy as sa


class EmailType(sa.types.TypeDecorator):
    """Stores e-mails in lower case.

        class User(Base):
            __tablename__ = 'user'
            email = sa.Column(EmailType)
    """
    impl = sa.Unicode


class Contact(Base):
    """A person to write to."""
    __tablename__ = "contacts"
    email = sa.Column(EmailType)
'''
    assert rows_of("types.py", text) == [
        ("sqlalchemy", "Contact", "contacts", None, None),
        ("sqlalchemy", "Contact", "contacts", "email", "pii"),
    ]


def test_sqlalchemy_single_table_subclasses_and_relationships() -> None:
    text = """
    from typing import List, Optional, Set
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

    class Base(DeclarativeBase):
        pass

    class Employee(Base):
        __tablename__ = "employee"
        id: Mapped[int] = mapped_column(primary_key=True)
        type: Mapped[str]

    class Manager(Employee):
        manager_email: Mapped[str]

    class Group(Base):
        __tablename__ = "groups"
        id: Mapped[int] = mapped_column(primary_key=True)
        members: Mapped[List["User"]] = relationship()
        admins: Mapped[Set["User"]]
        owner: Mapped["User"]
        lead: Mapped[Optional[Employee]]
        title: Mapped[Optional[str]]
    """
    assert rows_of("orm/models.py", text) == [
        ("sqlalchemy", "Employee", "employee", None, None),
        ("sqlalchemy", "Employee", "employee", "id", None),
        ("sqlalchemy", "Employee", "employee", "type", None),
        # Single-table inheritance: the subclass's column lives in its parent's table.
        ("sqlalchemy", "Manager", "employee", None, None),
        ("sqlalchemy", "Manager", "employee", "manager_email", "pii"),
        # Relationships (collections, quoted and file classes) are no columns.
        ("sqlalchemy", "Group", "groups", None, None),
        ("sqlalchemy", "Group", "groups", "id", None),
        ("sqlalchemy", "Group", "groups", "title", None),
    ]


def test_sqlalchemy_models_defined_in_a_function() -> None:
    # sentry-sdk's tests define their models inside the test functions.
    text = """
    from sqlalchemy import Column, Integer, String
    from sqlalchemy.orm import declarative_base

    def make_models():
        Base = declarative_base()

        class Account(Base):
            __tablename__ = "account"
            id = Column(Integer, primary_key=True)
            api_token = Column(String)

        return Account
    """
    assert rows_of("tests/test_db.py", text) == [
        ("sqlalchemy", "Account", "account", None, None),
        ("sqlalchemy", "Account", "account", "id", None),
        ("sqlalchemy", "Account", "account", "api_token", "credentials"),
    ]


def test_a_sqlalchemy_mixin_of_columns_lends_them_to_its_models() -> None:
    # SQLAlchemy's documented mixins: a plain class of columns, no model itself.
    text = """
    from sqlalchemy import Column, DateTime, Integer, String
    from sqlalchemy.orm import declarative_base

    Base = declarative_base()


    class TimestampMixin:
        created_at = Column(DateTime)


    class Helper:
        name = "x"


    class User(TimestampMixin, Base):
        __tablename__ = "users"
        id = Column(Integer, primary_key=True)
        email = Column(String)
    """
    assert rows_of("app/models.py", text) == [
        ("sqlalchemy", "User", "users", None, None),
        ("sqlalchemy", "User", "users", "created_at", None),
        ("sqlalchemy", "User", "users", "id", None),
        ("sqlalchemy", "User", "users", "email", "pii"),
    ]


def test_sqlalchemy_classic_declarative_base_without_tablename() -> None:
    text = """
    from sqlalchemy import Column, Integer
    from sqlalchemy.orm import declarative_base

    Model = declarative_base()


    class Event(Model):
        id = Column(Integer, primary_key=True)
    """
    assert rows_of("events.py", text) == [
        ("sqlalchemy", "Event", None, None, None),
        ("sqlalchemy", "Event", None, "id", None),
    ]
    found = boundaries("events.py", parse("events.py", text), source(text))
    assert {r.confidence for r in found} == {0.8}


def test_sqlmodel_tables_with_their_inherited_fields_and_no_schemas() -> None:
    # FastAPI's tutorial shape: a base schema, a table that extends it, a create schema.
    text = """
    from typing import ClassVar

    from sqlmodel import Field, Relationship, SQLModel


    class HeroBase(SQLModel):
        name: str = Field(index=True)
        age: int | None = None


    class Hero(HeroBase, table=True):
        id: int | None = Field(default=None, primary_key=True)
        team_id: int | None = Field(
            default=None, foreign_key="team.id"
        )
        team: "Team" = Relationship(back_populates="heroes")
        registry: ClassVar[dict[str, int]] = {}
        _cache: dict[str, int] = {}


    class HeroCreate(HeroBase):
        email: str


    class Team(SQLModel, table=True):
        __tablename__ = "teams"
        id: int | None = Field(default=None, primary_key=True)
        headquarters: str
    """
    assert rows_of("app/models.py", text) == [
        ("sqlmodel", "Hero", "hero", None, None),
        ("sqlmodel", "Hero", "hero", "name", None),
        ("sqlmodel", "Hero", "hero", "age", None),
        ("sqlmodel", "Hero", "hero", "id", None),
        ("sqlmodel", "Hero", "hero", "team_id", None),
        ("sqlmodel", "Team", "teams", None, None),
        ("sqlmodel", "Team", "teams", "id", None),
        ("sqlmodel", "Team", "teams", "headquarters", None),
    ]


def test_a_sqlmodel_table_whose_base_is_another_files() -> None:
    # QA: ``class D(UserBase, table=True)`` with ``UserBase`` imported gave no rows; with a
    # ``__tablename__`` it read as SQLAlchemy with its ``Field(…)`` columns only.
    text = """
    from sqlmodel import Field

    from .base import UserBase


    class Account(UserBase, table=True):
        __tablename__ = "accounts"
        id: int | None = Field(default=None, primary_key=True)
        hashed_password: str
    """
    assert rows_of("app/m4.py", text) == [
        ("sqlmodel", "Account", "accounts", None, None),
        ("sqlmodel", "Account", "accounts", "id", None),
        ("sqlmodel", "Account", "accounts", "hashed_password", "credentials"),
    ]


TYPEORM = """
import { Entity, Column, PrimaryGeneratedColumn, ManyToOne } from "typeorm";

@Entity({ name: "app_users" })
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({
    unique: true,
    length: 200,
  })
  email: string;

  @Column() creditCardNumber?: string;

  @ManyToOne(() => Team)
  team: Team;

  nickname: string;
}

@Entity()
export class AuditLog {
  @Column()
  message!: string;
}
"""


def test_typeorm_entities_and_columns() -> None:
    assert rows_of("src/entities.ts", TYPEORM) == [
        ("typeorm", "User", "app_users", None, None),
        ("typeorm", "User", "app_users", "id", None),
        ("typeorm", "User", "app_users", "email", "pii"),
        ("typeorm", "User", "app_users", "creditCardNumber", "financial"),
        ("typeorm", "AuditLog", "audit_log", None, None),
        ("typeorm", "AuditLog", "audit_log", "message", None),
    ]


def test_typeorm_entities_inherit_their_bases_columns() -> None:
    text = """
import { Entity, ChildEntity, TableInheritance, Column, PrimaryGeneratedColumn } from "typeorm";

export abstract class Contact {
    @PrimaryGeneratedColumn()
    id: number;

    @Column()
    email: string;
}

@Entity("people")
export class Person extends Contact {
    @Column()
    nickname: string;
}

@Entity()
@TableInheritance({ column: { type: "varchar", name: "type" } })
export class Org {
    @Column()
    name: string;
}

@ChildEntity()
export class Company extends Org {
    @Column()
    taxId: string;
}
"""
    assert rows_of("src/people.ts", text) == [
        ("typeorm", "Person", "people", None, None),
        ("typeorm", "Person", "people", "id", None),
        ("typeorm", "Person", "people", "email", "pii"),
        ("typeorm", "Person", "people", "nickname", None),
        ("typeorm", "Org", "org", None, None),
        ("typeorm", "Org", "org", "name", None),
        ("typeorm", "Company", "org", None, None),
        ("typeorm", "Company", "org", "name", None),
        ("typeorm", "Company", "org", "taxId", "financial"),
    ]


PRISMA = """
// The schema.
datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique
  password  String
  role      Role     @default(USER)
  posts     Post[]

  @@map("users")
}

model Post {
  id       Int    @id
  author   User   @relation(fields: [authorId], references: [id])
  authorId Int
  // title  String
}

enum Role {
  USER
  ADMIN
}
"""


def test_prisma_models_and_scalar_fields() -> None:
    rows = prisma_boundaries("prisma/schema.prisma", source(PRISMA))
    assert [(r.model_name, r.table_name, r.field_name, r.sensitivity) for r in rows] == [
        ("User", "users", None, None),
        ("User", "users", "id", None),
        ("User", "users", "email", "pii"),
        ("User", "users", "password", "credentials"),
        ("User", "users", "role", None),
        ("Post", "Post", None, None),
        ("Post", "Post", "id", None),
        ("Post", "Post", "authorId", None),
    ]
    assert all(r.framework == "prisma" and r.confidence == 0.95 for r in rows)
    # file-level entry point dispatches on the extension, without a parse result
    assert boundaries("prisma/schema.prisma", None, source(PRISMA)) == rows


def test_files_without_an_orm_import_have_no_boundaries() -> None:
    text = "class User(Model):\n    email = CharField()\n"
    assert boundaries("plain.py", parse("plain.py", text), text) == ()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("password", "credentials"),
        ("apiKey", "credentials"),
        ("refresh_token", "credentials"),
        ("credit_card_number", "financial"),
        ("iban", "financial"),
        ("diagnosis", "health"),
        ("date_of_birth", "pii"),
        ("phoneNumber", "pii"),
        ("ssn", "pii"),
        ("email_verified", None),
        ("is_email_public", None),
        ("password_changed_at", None),
        ("cubic_meters", None),
        ("title", None),
        # A Prisma schema of an Indian shop: postal codes, references, flags.
        ("pincode", "pii"),
        ("PIN_Code", "pii"),
        ("tokenID", None),
        ("token_id", None),
        ("addressID", None),
        ("national_id", "pii"),
        ("tax_id", "financial"),
        ("email_status", None),
        ("emailVerify", None),
        ("dob_digit_match", None),
        # Where or what a secret is, not the secret (SQLModel's heroes have a secret_name).
        ("secret_name", None),
        ("password_file", None),
        ("first_name", "pii"),
        ("secretary", None),  # Django's ``Company.secretary``: a person
        ("client_secret", "credentials"),
    ],
)
def test_field_sensitivity(name: str, expected: str | None) -> None:
    assert classify_field(name) == expected


JPA = """
package shop;

import jakarta.persistence.*;

@Entity
@Table(name = "orders")
public class Order {
    @Id @GeneratedValue private Long id;
    @Column(name = "card_number")
    private String cardNumber;
    private String customerEmail;
    @Transient private String cache;
    private transient int hits;
    private static final long serialVersionUID = 1L;
    @OneToMany(mappedBy = "order")
    private List<Line> lines;
    @ManyToOne
    private Customer customer;

    public String masked() {
        String local = cardNumber;
        return local;
    }
}

@javax.persistence.Entity
class Line {
    private int quantity;
}

class NotAnEntity {
    private String password;
}
"""


def test_jpa_entities_and_their_columns() -> None:
    assert rows_of("src/main/java/shop/Order.java", JPA) == [
        ("jpa", "Order", "orders", None, None),
        ("jpa", "Order", "orders", "id", None),
        ("jpa", "Order", "orders", "cardNumber", "financial"),
        ("jpa", "Order", "orders", "customerEmail", "pii"),
        ("jpa", "Line", "Line", None, None),
        ("jpa", "Line", "Line", "quantity", None),
    ]


def test_django_app_label_and_proxy_models() -> None:
    # DRF: test models name their app in Meta; ``TokenProxy`` reads ``Token``'s table.
    text = """
from django.db import models


class Token(models.Model):
    key = models.CharField(max_length=40)


class TokenProxy(Token):
    class Meta:
        proxy = True


class BasicPermModel(models.Model):
    text = models.CharField(max_length=100)

    class Meta:
        app_label = "tests"
"""
    tables = {(model, table) for _, model, table, _, _ in rows_of("authtoken/models.py", text)}
    assert tables == {
        ("Token", "authtoken_token"),
        ("TokenProxy", "authtoken_token"),
        ("BasicPermModel", "tests_basicpermmodel"),
    }
    elsewhere = rows_of("tests/test_permissions.py", text)
    assert {(m, t) for _, m, t, _, _ in elsewhere if m == "BasicPermModel"} == {
        ("BasicPermModel", "tests_basicpermmodel")
    }


def test_gorm_models_fields_and_tables() -> None:
    text = """
package models

import "gorm.io/gorm"

type UserProfile struct {
	gorm.Model
	Name   string
	Email  string `gorm:"uniqueIndex"`
	Posts  []Post
	Secret string `gorm:"-"`
}

type Post struct {
	ID     uint `gorm:"primaryKey"`
	Title  string
	UserID uint
	User   UserProfile
}

func (Post) TableName() string { return "articles" }

type Plain struct {
	A int
}
"""
    assert rows_of("models/models.go", text) == [
        ("gorm", "UserProfile", "user_profiles", None, None),
        ("gorm", "UserProfile", "user_profiles", "ID", None),
        ("gorm", "UserProfile", "user_profiles", "CreatedAt", None),
        ("gorm", "UserProfile", "user_profiles", "UpdatedAt", None),
        ("gorm", "UserProfile", "user_profiles", "DeletedAt", None),
        ("gorm", "UserProfile", "user_profiles", "Name", None),
        ("gorm", "UserProfile", "user_profiles", "Email", "pii"),
        ("gorm", "Post", "articles", None, None),
        ("gorm", "Post", "articles", "ID", None),
        ("gorm", "Post", "articles", "Title", None),
        ("gorm", "Post", "articles", "UserID", None),
    ]


def test_mongoose_schemas_are_models() -> None:
    text = """
const mongoose = require("mongoose");
const { Schema } = mongoose;
const userSchema = new Schema({
  name: String,
  email: { type: String, required: true, match: /.+@.+/ },
  // the hash, never the password, with commas, in a comment
  password: String,
  posts: [{ type: Schema.Types.ObjectId, ref: "Post" }],
  "date_of_birth": Date,
});
const addressSchema = new mongoose.Schema({ street: String, city: String });
module.exports = mongoose.model("User", userSchema);
"""
    assert rows_of("models/user.js", text) == [
        ("mongoose", "User", "users", None, None),
        ("mongoose", "User", "users", "name", None),
        ("mongoose", "User", "users", "email", "pii"),
        ("mongoose", "User", "users", "password", "credentials"),
        ("mongoose", "User", "users", "date_of_birth", "pii"),
        # a schema no model of the file takes (embedded elsewhere): no collection of its own
        ("mongoose", "Address", None, None, None),
        ("mongoose", "Address", None, "street", "pii"),
        ("mongoose", "Address", None, "city", None),
    ]


def test_sequelize_models_by_define_and_init() -> None:
    text = """
import { Sequelize, DataTypes, Model } from "sequelize";
const sequelize = new Sequelize("sqlite::memory:");
const User = sequelize.define("User", {
  firstName: { type: DataTypes.STRING, allowNull: false },
  lastName: DataTypes.STRING,
}, { tableName: "app_users" });
class Project extends Model {}
Project.init({ title: DataTypes.STRING, budget: DataTypes.DECIMAL }, { sequelize });
"""
    assert rows_of("models/index.ts", text) == [
        ("sequelize", "User", "app_users", None, None),
        ("sequelize", "User", "app_users", "firstName", "pii"),
        ("sequelize", "User", "app_users", "lastName", "pii"),
        ("sequelize", "Project", "Projects", None, None),
        ("sequelize", "Project", "Projects", "title", None),
        ("sequelize", "Project", "Projects", "budget", None),
    ]


def test_a_schema_in_a_doc_comment_is_an_example() -> None:
    # mongoose's own types/inferschematype.d.ts documents ``new Schema({userName:String})``.
    text = """
import mongoose from "mongoose";
/**
 * const userSchema = new Schema({userName:String});
 * const User = model('User', userSchema);
 */
export type Inferred = string;
"""
    assert rows_of("types/infer.d.ts", text) == []


def test_a_django_model_outside_models_py_takes_its_packages_app() -> None:
    # DRF's test models live in tests/test_filters.py: Django names their tables tests_….
    text = (
        "from django.db import models\n\n\n"
        "class Order(models.Model):\n    total = models.IntegerField()\n"
    )
    assert rows_of("shop/views.py", text)[0] == ("django", "Order", "shop_order", None, None)


def test_sqlalchemy_abstract_bases_and_flask_sqlalchemys_table_names() -> None:
    # flask-sqlalchemy's tests: ``TimestampModel`` (``__abstract__``) lends its columns, and
    # models without ``__tablename__`` are named after the class in snake_case.
    text = """
import sqlalchemy as sa
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class TimestampModel(db.Model):
    __abstract__ = True
    created = sa.Column(sa.DateTime)


class BlogPost(TimestampModel):
    id = sa.Column(sa.Integer, primary_key=True)


class Duck(db.Model):
    id = sa.Column(sa.Integer, primary_key=True)


class Daffy(Duck):
    id = sa.Column(sa.ForeignKey(Duck.id), primary_key=True)


class Mallard(Duck):
    wing = sa.Column(sa.Integer)
"""
    assert [row[1:4] for row in rows_of("app/models.py", text)] == [
        ("BlogPost", "blog_post", None),
        ("BlogPost", "blog_post", "created"),
        ("BlogPost", "blog_post", "id"),
        ("Duck", "duck", None),
        ("Duck", "duck", "id"),
        ("Daffy", "daffy", None),  # joined-table inheritance: a key, a table of its own
        ("Daffy", "daffy", "id"),
        ("Mallard", "duck", None),  # single-table inheritance
        ("Mallard", "duck", "wing"),
    ]
