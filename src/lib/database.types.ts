export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  public: {
    Tables: {
      appointments: {
        Row: {
          id: string
          case_id: string
          slot_id: string
          hall_id: string
          status: Database["public"]["Enums"]["appointment_status"]
          window_opens_at: string
          window_closes_at: string
          window_notified_at: string | null
          reminded_at: string | null
          created_at: string
          cancelled_at: string | null
        }
        Insert: {
          id?: string
          case_id: string
          slot_id: string
          hall_id: string
          status?: Database["public"]["Enums"]["appointment_status"]
          window_opens_at: string
          window_closes_at: string
          window_notified_at?: string | null
          reminded_at?: string | null
          created_at?: string
          cancelled_at?: string | null
        }
        Update: {
          id?: string
          case_id?: string
          slot_id?: string
          hall_id?: string
          status?: Database["public"]["Enums"]["appointment_status"]
          window_opens_at?: string
          window_closes_at?: string
          window_notified_at?: string | null
          reminded_at?: string | null
          created_at?: string
          cancelled_at?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "appointments_case_id_fkey"
            columns: ["case_id"]
            isOneToOne: true
            referencedRelation: "cases"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "appointments_hall_id_fkey"
            columns: ["hall_id"]
            isOneToOne: false
            referencedRelation: "service_halls"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "appointments_slot_id_fkey"
            columns: ["slot_id"]
            isOneToOne: false
            referencedRelation: "slots"
            referencedColumns: ["id"]
          },
        ]
      }
      attachments: {
        Row: {
          id: string
          form_id: string
          requirement_id: string
          bucket: string
          object_path: string
          file_name: string
          mime_type: string | null
          size_bytes: number | null
          uploaded_by: string | null
          created_at: string
        }
        Insert: {
          id?: string
          form_id: string
          requirement_id: string
          bucket?: string
          object_path: string
          file_name: string
          mime_type?: string | null
          size_bytes?: number | null
          uploaded_by?: string | null
          created_at?: string
        }
        Update: {
          id?: string
          form_id?: string
          requirement_id?: string
          bucket?: string
          object_path?: string
          file_name?: string
          mime_type?: string | null
          size_bytes?: number | null
          uploaded_by?: string | null
          created_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "attachments_form_id_fkey"
            columns: ["form_id"]
            isOneToOne: false
            referencedRelation: "forms"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "attachments_requirement_id_fkey"
            columns: ["requirement_id"]
            isOneToOne: false
            referencedRelation: "node_requirements"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "attachments_uploaded_by_fkey"
            columns: ["uploaded_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      authorization_codes: {
        Row: {
          id: string
          hall_id: string
          code: string
          created_by: string
          created_at: string
          expires_at: string
          used_at: string | null
          used_for_case: string | null
        }
        Insert: {
          id?: string
          hall_id: string
          code: string
          created_by: string
          created_at?: string
          expires_at: string
          used_at?: string | null
          used_for_case?: string | null
        }
        Update: {
          id?: string
          hall_id?: string
          code?: string
          created_by?: string
          created_at?: string
          expires_at?: string
          used_at?: string | null
          used_for_case?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "authorization_codes_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "authorization_codes_hall_id_fkey"
            columns: ["hall_id"]
            isOneToOne: false
            referencedRelation: "service_halls"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "authorization_codes_used_for_case_fkey"
            columns: ["used_for_case"]
            isOneToOne: false
            referencedRelation: "cases"
            referencedColumns: ["id"]
          },
        ]
      }
      business_categories: {
        Row: {
          id: string
          code: string | null
          name: string
          audience: Database["public"]["Enums"]["business_audience"]
          sort: number
          active: boolean
        }
        Insert: {
          id?: string
          code?: string | null
          name: string
          audience?: Database["public"]["Enums"]["business_audience"]
          sort?: number
          active?: boolean
        }
        Update: {
          id?: string
          code?: string | null
          name?: string
          audience?: Database["public"]["Enums"]["business_audience"]
          sort?: number
          active?: boolean
        }
        Relationships: [
        ]
      }
      business_nodes: {
        Row: {
          id: string
          topic_id: string
          code: string | null
          name: string
          description: string | null
          allows_back_office: boolean
          allows_online: boolean
          promised_working_days: number
          sort: number
          active: boolean
        }
        Insert: {
          id?: string
          topic_id: string
          code?: string | null
          name: string
          description?: string | null
          allows_back_office?: boolean
          allows_online?: boolean
          promised_working_days?: number
          sort?: number
          active?: boolean
        }
        Update: {
          id?: string
          topic_id?: string
          code?: string | null
          name?: string
          description?: string | null
          allows_back_office?: boolean
          allows_online?: boolean
          promised_working_days?: number
          sort?: number
          active?: boolean
        }
        Relationships: [
          {
            foreignKeyName: "business_nodes_topic_id_fkey"
            columns: ["topic_id"]
            isOneToOne: false
            referencedRelation: "topics"
            referencedColumns: ["id"]
          },
        ]
      }
      business_subcategories: {
        Row: {
          id: string
          category_id: string
          code: string | null
          name: string
          sort: number
          active: boolean
        }
        Insert: {
          id?: string
          category_id: string
          code?: string | null
          name: string
          sort?: number
          active?: boolean
        }
        Update: {
          id?: string
          category_id?: string
          code?: string | null
          name?: string
          sort?: number
          active?: boolean
        }
        Relationships: [
          {
            foreignKeyName: "business_subcategories_category_id_fkey"
            columns: ["category_id"]
            isOneToOne: false
            referencedRelation: "business_categories"
            referencedColumns: ["id"]
          },
        ]
      }
      case_events: {
        Row: {
          id: number
          case_id: string
          at: string
          actor_id: string | null
          actor_role: string
          kind: Database["public"]["Enums"]["case_event_kind"]
          from_status: Database["public"]["Enums"]["case_status"] | null
          to_status: Database["public"]["Enums"]["case_status"] | null
          review_status: Database["public"]["Enums"]["review_status"] | null
          reason: string | null
          data: Json
        }
        Insert: {
          id?: never
          case_id: string
          at?: string
          actor_id?: string | null
          actor_role: string
          kind: Database["public"]["Enums"]["case_event_kind"]
          from_status?: Database["public"]["Enums"]["case_status"] | null
          to_status?: Database["public"]["Enums"]["case_status"] | null
          review_status?: Database["public"]["Enums"]["review_status"] | null
          reason?: string | null
          data?: Json
        }
        Update: {
          id?: never
          case_id?: string
          at?: string
          actor_id?: string | null
          actor_role?: string
          kind?: Database["public"]["Enums"]["case_event_kind"]
          from_status?: Database["public"]["Enums"]["case_status"] | null
          to_status?: Database["public"]["Enums"]["case_status"] | null
          review_status?: Database["public"]["Enums"]["review_status"] | null
          reason?: string | null
          data?: Json
        }
        Relationships: [
          {
            foreignKeyName: "case_events_actor_id_fkey"
            columns: ["actor_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "case_events_case_id_fkey"
            columns: ["case_id"]
            isOneToOne: false
            referencedRelation: "cases"
            referencedColumns: ["id"]
          },
        ]
      }
      cases: {
        Row: {
          id: string
          task_no: string
          form_id: string
          owner_id: string
          enterprise_id: string | null
          node_id: string
          hall_id: string
          status: Database["public"]["Enums"]["case_status"]
          review_status: Database["public"]["Enums"]["review_status"]
          review_claimed_by: string | null
          review_claimed_at: string | null
          reviewed_by: string | null
          reviewed_at: string | null
          review_feedback: string | null
          resubmit_deadline: string | null
          resubmission_count: number
          mode: Database["public"]["Enums"]["handling_mode"] | null
          back_office_due_at: string | null
          back_office_specified: boolean
          back_office_officer_id: string | null
          back_office_taken_at: string | null
          back_office_alert: string | null
          instant_approved_by: string | null
          handler_id: string | null
          outcome: Database["public"]["Enums"]["case_outcome"] | null
          result_note: string | null
          close_reason: Database["public"]["Enums"]["case_close_reason"] | null
          history_reason: number | null
          closed_at: string | null
          created_at: string
          updated_at: string
        }
        Insert: {
          id?: string
          task_no: string
          form_id: string
          owner_id: string
          enterprise_id?: string | null
          node_id: string
          hall_id: string
          status?: Database["public"]["Enums"]["case_status"]
          review_status?: Database["public"]["Enums"]["review_status"]
          review_claimed_by?: string | null
          review_claimed_at?: string | null
          reviewed_by?: string | null
          reviewed_at?: string | null
          review_feedback?: string | null
          resubmit_deadline?: string | null
          resubmission_count?: number
          mode?: Database["public"]["Enums"]["handling_mode"] | null
          back_office_due_at?: string | null
          back_office_specified?: boolean
          back_office_officer_id?: string | null
          back_office_taken_at?: string | null
          back_office_alert?: string | null
          instant_approved_by?: string | null
          handler_id?: string | null
          outcome?: Database["public"]["Enums"]["case_outcome"] | null
          result_note?: string | null
          close_reason?: Database["public"]["Enums"]["case_close_reason"] | null
          history_reason?: never
          closed_at?: string | null
          created_at?: string
          updated_at?: string
        }
        Update: {
          id?: string
          task_no?: string
          form_id?: string
          owner_id?: string
          enterprise_id?: string | null
          node_id?: string
          hall_id?: string
          status?: Database["public"]["Enums"]["case_status"]
          review_status?: Database["public"]["Enums"]["review_status"]
          review_claimed_by?: string | null
          review_claimed_at?: string | null
          reviewed_by?: string | null
          reviewed_at?: string | null
          review_feedback?: string | null
          resubmit_deadline?: string | null
          resubmission_count?: number
          mode?: Database["public"]["Enums"]["handling_mode"] | null
          back_office_due_at?: string | null
          back_office_specified?: boolean
          back_office_officer_id?: string | null
          back_office_taken_at?: string | null
          back_office_alert?: string | null
          instant_approved_by?: string | null
          handler_id?: string | null
          outcome?: Database["public"]["Enums"]["case_outcome"] | null
          result_note?: string | null
          close_reason?: Database["public"]["Enums"]["case_close_reason"] | null
          history_reason?: never
          closed_at?: string | null
          created_at?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "cases_back_office_officer_id_fkey"
            columns: ["back_office_officer_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "cases_enterprise_id_fkey"
            columns: ["enterprise_id"]
            isOneToOne: false
            referencedRelation: "enterprises"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "cases_form_id_fkey"
            columns: ["form_id"]
            isOneToOne: true
            referencedRelation: "forms"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "cases_hall_id_fkey"
            columns: ["hall_id"]
            isOneToOne: false
            referencedRelation: "service_halls"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "cases_handler_id_fkey"
            columns: ["handler_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "cases_instant_approved_by_fkey"
            columns: ["instant_approved_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "cases_node_id_fkey"
            columns: ["node_id"]
            isOneToOne: false
            referencedRelation: "business_nodes"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "cases_owner_id_fkey"
            columns: ["owner_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "cases_review_claimed_by_fkey"
            columns: ["review_claimed_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "cases_reviewed_by_fkey"
            columns: ["reviewed_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      conversation_reads: {
        Row: {
          conversation_id: string
          user_id: string
          last_read_message_id: number
          updated_at: string
        }
        Insert: {
          conversation_id: string
          user_id: string
          last_read_message_id?: number
          updated_at?: string
        }
        Update: {
          conversation_id?: string
          user_id?: string
          last_read_message_id?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "conversation_reads_conversation_id_fkey"
            columns: ["conversation_id"]
            isOneToOne: false
            referencedRelation: "conversations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "conversation_reads_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      conversations: {
        Row: {
          id: string
          kind: Database["public"]["Enums"]["conversation_kind"]
          case_id: string | null
          guidance_session_id: string | null
          created_at: string
          last_message_at: string | null
        }
        Insert: {
          id?: string
          kind: Database["public"]["Enums"]["conversation_kind"]
          case_id?: string | null
          guidance_session_id?: string | null
          created_at?: string
          last_message_at?: string | null
        }
        Update: {
          id?: string
          kind?: Database["public"]["Enums"]["conversation_kind"]
          case_id?: string | null
          guidance_session_id?: string | null
          created_at?: string
          last_message_at?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "conversations_case_id_fkey"
            columns: ["case_id"]
            isOneToOne: true
            referencedRelation: "cases"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "conversations_guidance_session_id_fkey"
            columns: ["guidance_session_id"]
            isOneToOne: true
            referencedRelation: "guidance_sessions"
            referencedColumns: ["id"]
          },
        ]
      }
      enterprise_members: {
        Row: {
          enterprise_id: string
          user_id: string
          relation: Database["public"]["Enums"]["enterprise_relation"]
          created_at: string
        }
        Insert: {
          enterprise_id: string
          user_id: string
          relation?: Database["public"]["Enums"]["enterprise_relation"]
          created_at?: string
        }
        Update: {
          enterprise_id?: string
          user_id?: string
          relation?: Database["public"]["Enums"]["enterprise_relation"]
          created_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "enterprise_members_enterprise_id_fkey"
            columns: ["enterprise_id"]
            isOneToOne: false
            referencedRelation: "enterprises"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "enterprise_members_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      enterprises: {
        Row: {
          id: string
          tax_id: string
          name: string
          region_code: string | null
          created_at: string
        }
        Insert: {
          id?: string
          tax_id: string
          name: string
          region_code?: string | null
          created_at?: string
        }
        Update: {
          id?: string
          tax_id?: string
          name?: string
          region_code?: string | null
          created_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "enterprises_region_code_fkey"
            columns: ["region_code"]
            isOneToOne: false
            referencedRelation: "regions"
            referencedColumns: ["code"]
          },
        ]
      }
      favorites: {
        Row: {
          user_id: string
          node_id: string
          kind: Database["public"]["Enums"]["favorite_kind"]
          region_code: string | null
          created_at: string
        }
        Insert: {
          user_id: string
          node_id: string
          kind: Database["public"]["Enums"]["favorite_kind"]
          region_code?: string | null
          created_at?: string
        }
        Update: {
          user_id?: string
          node_id?: string
          kind?: Database["public"]["Enums"]["favorite_kind"]
          region_code?: string | null
          created_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "favorites_node_id_fkey"
            columns: ["node_id"]
            isOneToOne: false
            referencedRelation: "business_nodes"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "favorites_region_code_fkey"
            columns: ["region_code"]
            isOneToOne: false
            referencedRelation: "regions"
            referencedColumns: ["code"]
          },
          {
            foreignKeyName: "favorites_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      form_templates: {
        Row: {
          id: string
          code: string
          name: string
          description: string | null
          template_url: string | null
        }
        Insert: {
          id?: string
          code: string
          name: string
          description?: string | null
          template_url?: string | null
        }
        Update: {
          id?: string
          code?: string
          name?: string
          description?: string | null
          template_url?: string | null
        }
        Relationships: [
        ]
      }
      forms: {
        Row: {
          id: string
          owner_id: string
          enterprise_id: string | null
          node_id: string
          region_code: string | null
          hall_id: string | null
          agent_name: string | null
          agent_contact: string | null
          description: string
          status: Database["public"]["Enums"]["form_status"]
          copied_from: string | null
          created_at: string
          updated_at: string
          submitted_at: string | null
          editable: boolean | null
          is_party: boolean | null
        }
        Insert: {
          id?: string
          owner_id: string
          enterprise_id?: string | null
          node_id: string
          region_code?: string | null
          hall_id?: string | null
          agent_name?: string | null
          agent_contact?: string | null
          description?: string
          status?: Database["public"]["Enums"]["form_status"]
          copied_from?: string | null
          created_at?: string
          updated_at?: string
          submitted_at?: string | null
        }
        Update: {
          id?: string
          owner_id?: string
          enterprise_id?: string | null
          node_id?: string
          region_code?: string | null
          hall_id?: string | null
          agent_name?: string | null
          agent_contact?: string | null
          description?: string
          status?: Database["public"]["Enums"]["form_status"]
          copied_from?: string | null
          created_at?: string
          updated_at?: string
          submitted_at?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "forms_copied_from_fkey"
            columns: ["copied_from"]
            isOneToOne: false
            referencedRelation: "forms"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "forms_enterprise_id_fkey"
            columns: ["enterprise_id"]
            isOneToOne: false
            referencedRelation: "enterprises"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "forms_hall_id_fkey"
            columns: ["hall_id"]
            isOneToOne: false
            referencedRelation: "service_halls"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "forms_node_id_fkey"
            columns: ["node_id"]
            isOneToOne: false
            referencedRelation: "business_nodes"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "forms_owner_id_fkey"
            columns: ["owner_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "forms_region_code_fkey"
            columns: ["region_code"]
            isOneToOne: false
            referencedRelation: "regions"
            referencedColumns: ["code"]
          },
        ]
      }
      guidance_answers: {
        Row: {
          id: string
          question_id: string
          label: string
          next_question_id: string | null
          topic_id: string | null
          sort: number
        }
        Insert: {
          id?: string
          question_id: string
          label: string
          next_question_id?: string | null
          topic_id?: string | null
          sort?: number
        }
        Update: {
          id?: string
          question_id?: string
          label?: string
          next_question_id?: string | null
          topic_id?: string | null
          sort?: number
        }
        Relationships: [
          {
            foreignKeyName: "guidance_answers_next_question_id_fkey"
            columns: ["next_question_id"]
            isOneToOne: false
            referencedRelation: "guidance_questions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "guidance_answers_question_id_fkey"
            columns: ["question_id"]
            isOneToOne: false
            referencedRelation: "guidance_questions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "guidance_answers_topic_id_fkey"
            columns: ["topic_id"]
            isOneToOne: false
            referencedRelation: "topics"
            referencedColumns: ["id"]
          },
        ]
      }
      guidance_questions: {
        Row: {
          id: string
          subcategory_id: string
          prompt: string
          is_first: boolean
          sort: number
        }
        Insert: {
          id?: string
          subcategory_id: string
          prompt: string
          is_first?: boolean
          sort?: number
        }
        Update: {
          id?: string
          subcategory_id?: string
          prompt?: string
          is_first?: boolean
          sort?: number
        }
        Relationships: [
          {
            foreignKeyName: "guidance_questions_subcategory_id_fkey"
            columns: ["subcategory_id"]
            isOneToOne: true
            referencedRelation: "business_subcategories"
            referencedColumns: ["id"]
          },
        ]
      }
      guidance_sessions: {
        Row: {
          id: string
          taxpayer_id: string
          hall_id: string
          status: Database["public"]["Enums"]["guidance_status"]
          officer_id: string | null
          topic: string | null
          created_at: string
          taken_at: string | null
          last_activity_at: string
          closed_at: string | null
        }
        Insert: {
          id?: string
          taxpayer_id: string
          hall_id: string
          status?: Database["public"]["Enums"]["guidance_status"]
          officer_id?: string | null
          topic?: string | null
          created_at?: string
          taken_at?: string | null
          last_activity_at?: string
          closed_at?: string | null
        }
        Update: {
          id?: string
          taxpayer_id?: string
          hall_id?: string
          status?: Database["public"]["Enums"]["guidance_status"]
          officer_id?: string | null
          topic?: string | null
          created_at?: string
          taken_at?: string | null
          last_activity_at?: string
          closed_at?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "guidance_sessions_hall_id_fkey"
            columns: ["hall_id"]
            isOneToOne: false
            referencedRelation: "service_halls"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "guidance_sessions_officer_id_fkey"
            columns: ["officer_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "guidance_sessions_taxpayer_id_fkey"
            columns: ["taxpayer_id"]
            isOneToOne: true
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      materials: {
        Row: {
          id: string
          name: string
          description: string | null
        }
        Insert: {
          id?: string
          name: string
          description?: string | null
        }
        Update: {
          id?: string
          name?: string
          description?: string | null
        }
        Relationships: [
        ]
      }
      messages: {
        Row: {
          id: number
          conversation_id: string
          sender_id: string | null
          kind: Database["public"]["Enums"]["message_kind"]
          body: string | null
          object_path: string | null
          file_name: string | null
          mime_type: string | null
          created_at: string
        }
        Insert: {
          id?: never
          conversation_id: string
          sender_id?: string | null
          kind?: Database["public"]["Enums"]["message_kind"]
          body?: string | null
          object_path?: string | null
          file_name?: string | null
          mime_type?: string | null
          created_at?: string
        }
        Update: {
          id?: never
          conversation_id?: string
          sender_id?: string | null
          kind?: Database["public"]["Enums"]["message_kind"]
          body?: string | null
          object_path?: string | null
          file_name?: string | null
          mime_type?: string | null
          created_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "messages_conversation_id_fkey"
            columns: ["conversation_id"]
            isOneToOne: false
            referencedRelation: "conversations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "messages_sender_id_fkey"
            columns: ["sender_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      node_paths: {
        Row: {
          node_id: string
          path: Database["public"]["Enums"]["handling_path"]
          sort: number
          url: string | null
          note: string | null
        }
        Insert: {
          node_id: string
          path: Database["public"]["Enums"]["handling_path"]
          sort?: number
          url?: string | null
          note?: string | null
        }
        Update: {
          node_id?: string
          path?: Database["public"]["Enums"]["handling_path"]
          sort?: number
          url?: string | null
          note?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "node_paths_node_id_fkey"
            columns: ["node_id"]
            isOneToOne: false
            referencedRelation: "business_nodes"
            referencedColumns: ["id"]
          },
        ]
      }
      node_requirements: {
        Row: {
          id: string
          node_id: string
          kind: Database["public"]["Enums"]["requirement_kind"]
          form_template_id: string | null
          material_id: string | null
          required: boolean
          note: string | null
          sort: number
        }
        Insert: {
          id?: string
          node_id: string
          kind: Database["public"]["Enums"]["requirement_kind"]
          form_template_id?: string | null
          material_id?: string | null
          required?: boolean
          note?: string | null
          sort?: number
        }
        Update: {
          id?: string
          node_id?: string
          kind?: Database["public"]["Enums"]["requirement_kind"]
          form_template_id?: string | null
          material_id?: string | null
          required?: boolean
          note?: string | null
          sort?: number
        }
        Relationships: [
          {
            foreignKeyName: "node_requirements_form_template_id_fkey"
            columns: ["form_template_id"]
            isOneToOne: false
            referencedRelation: "form_templates"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "node_requirements_material_id_fkey"
            columns: ["material_id"]
            isOneToOne: false
            referencedRelation: "materials"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "node_requirements_node_id_fkey"
            columns: ["node_id"]
            isOneToOne: false
            referencedRelation: "business_nodes"
            referencedColumns: ["id"]
          },
        ]
      }
      notices: {
        Row: {
          id: string
          user_id: string
          kind: Database["public"]["Enums"]["notice_kind"]
          title: string
          body: string
          case_id: string | null
          created_at: string
          read_at: string | null
          sms_status: Database["public"]["Enums"]["sms_status"]
          sms_sent_at: string | null
        }
        Insert: {
          id?: string
          user_id: string
          kind: Database["public"]["Enums"]["notice_kind"]
          title: string
          body?: string
          case_id?: string | null
          created_at?: string
          read_at?: string | null
          sms_status?: Database["public"]["Enums"]["sms_status"]
          sms_sent_at?: string | null
        }
        Update: {
          id?: string
          user_id?: string
          kind?: Database["public"]["Enums"]["notice_kind"]
          title?: string
          body?: string
          case_id?: string | null
          created_at?: string
          read_at?: string | null
          sms_status?: Database["public"]["Enums"]["sms_status"]
          sms_sent_at?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "notices_case_id_fkey"
            columns: ["case_id"]
            isOneToOne: false
            referencedRelation: "cases"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "notices_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      officer_duties: {
        Row: {
          officer_id: string
          duty: Database["public"]["Enums"]["officer_duty"]
        }
        Insert: {
          officer_id: string
          duty: Database["public"]["Enums"]["officer_duty"]
        }
        Update: {
          officer_id?: string
          duty?: Database["public"]["Enums"]["officer_duty"]
        }
        Relationships: [
          {
            foreignKeyName: "officer_duties_officer_id_fkey"
            columns: ["officer_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      officer_halls: {
        Row: {
          officer_id: string
          hall_id: string
        }
        Insert: {
          officer_id: string
          hall_id: string
        }
        Update: {
          officer_id?: string
          hall_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "officer_halls_hall_id_fkey"
            columns: ["hall_id"]
            isOneToOne: false
            referencedRelation: "service_halls"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "officer_halls_officer_id_fkey"
            columns: ["officer_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      payment_receipts: {
        Row: {
          id: string
          payment_id: string
          object_path: string
          created_at: string
        }
        Insert: {
          id?: string
          payment_id: string
          object_path: string
          created_at?: string
        }
        Update: {
          id?: string
          payment_id?: string
          object_path?: string
          created_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "payment_receipts_payment_id_fkey"
            columns: ["payment_id"]
            isOneToOne: false
            referencedRelation: "payments"
            referencedColumns: ["id"]
          },
        ]
      }
      payments: {
        Row: {
          id: string
          case_id: string
          amount: number
          instructions: string | null
          qr_object_path: string | null
          status: Database["public"]["Enums"]["payment_status"]
          requested_by: string
          requested_at: string
          receipt_note: string | null
          submitted_at: string | null
          decided_by: string | null
          decided_at: string | null
          result_note: string | null
        }
        Insert: {
          id?: string
          case_id: string
          amount: number
          instructions?: string | null
          qr_object_path?: string | null
          status?: Database["public"]["Enums"]["payment_status"]
          requested_by: string
          requested_at?: string
          receipt_note?: string | null
          submitted_at?: string | null
          decided_by?: string | null
          decided_at?: string | null
          result_note?: string | null
        }
        Update: {
          id?: string
          case_id?: string
          amount?: number
          instructions?: string | null
          qr_object_path?: string | null
          status?: Database["public"]["Enums"]["payment_status"]
          requested_by?: string
          requested_at?: string
          receipt_note?: string | null
          submitted_at?: string | null
          decided_by?: string | null
          decided_at?: string | null
          result_note?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "payments_case_id_fkey"
            columns: ["case_id"]
            isOneToOne: true
            referencedRelation: "cases"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "payments_decided_by_fkey"
            columns: ["decided_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "payments_requested_by_fkey"
            columns: ["requested_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      profiles: {
        Row: {
          id: string
          app_role: Database["public"]["Enums"]["app_role"]
          full_name: string
          cert_type: Database["public"]["Enums"]["cert_type"] | null
          cert_no: string | null
          phone: string | null
          staff_no: string | null
          created_at: string
          updated_at: string
        }
        Insert: {
          id: string
          app_role?: Database["public"]["Enums"]["app_role"]
          full_name?: string
          cert_type?: Database["public"]["Enums"]["cert_type"] | null
          cert_no?: string | null
          phone?: string | null
          staff_no?: string | null
          created_at?: string
          updated_at?: string
        }
        Update: {
          id?: string
          app_role?: Database["public"]["Enums"]["app_role"]
          full_name?: string
          cert_type?: Database["public"]["Enums"]["cert_type"] | null
          cert_no?: string | null
          phone?: string | null
          staff_no?: string | null
          created_at?: string
          updated_at?: string
        }
        Relationships: [
        ]
      }
      real_name_registry: {
        Row: {
          id: string
          cert_type: Database["public"]["Enums"]["cert_type"]
          cert_no: string
          full_name: string
          phone: string | null
          verified: boolean
          verified_at: string | null
        }
        Insert: {
          id?: string
          cert_type: Database["public"]["Enums"]["cert_type"]
          cert_no: string
          full_name: string
          phone?: string | null
          verified?: boolean
          verified_at?: string | null
        }
        Update: {
          id?: string
          cert_type?: Database["public"]["Enums"]["cert_type"]
          cert_no?: string
          full_name?: string
          phone?: string | null
          verified?: boolean
          verified_at?: string | null
        }
        Relationships: [
        ]
      }
      regions: {
        Row: {
          code: string
          name: string
          level: Database["public"]["Enums"]["region_level"]
          parent_code: string | null
          sort: number
          active: boolean
        }
        Insert: {
          code: string
          name: string
          level: Database["public"]["Enums"]["region_level"]
          parent_code?: string | null
          sort?: number
          active?: boolean
        }
        Update: {
          code?: string
          name?: string
          level?: Database["public"]["Enums"]["region_level"]
          parent_code?: string | null
          sort?: number
          active?: boolean
        }
        Relationships: [
          {
            foreignKeyName: "regions_parent_code_fkey"
            columns: ["parent_code"]
            isOneToOne: false
            referencedRelation: "regions"
            referencedColumns: ["code"]
          },
        ]
      }
      service_halls: {
        Row: {
          id: string
          region_code: string
          name: string
          address: string | null
          phone: string | null
          sort: number
          active: boolean
          created_at: string
        }
        Insert: {
          id?: string
          region_code: string
          name: string
          address?: string | null
          phone?: string | null
          sort?: number
          active?: boolean
          created_at?: string
        }
        Update: {
          id?: string
          region_code?: string
          name?: string
          address?: string | null
          phone?: string | null
          sort?: number
          active?: boolean
          created_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "service_halls_region_code_fkey"
            columns: ["region_code"]
            isOneToOne: false
            referencedRelation: "regions"
            referencedColumns: ["code"]
          },
        ]
      }
      settings: {
        Row: {
          id: boolean
          resubmission_hours: number
          ticket_window_lead_minutes: number
          reactivation_minutes: number
          auth_code_lifetime_minutes: number
          otp_lifetime_seconds: number
          otp_resend_seconds: number
          otp_max_attempts: number
          back_office_due_soon_hours: number
          appointment_reminder_minutes: number
          slot_generation_days: number
          booking_horizon_days: number
          guidance_idle_minutes: number
          max_receipts: number
          updated_at: string
        }
        Insert: {
          id?: boolean
          resubmission_hours?: number
          ticket_window_lead_minutes?: number
          reactivation_minutes?: number
          auth_code_lifetime_minutes?: number
          otp_lifetime_seconds?: number
          otp_resend_seconds?: number
          otp_max_attempts?: number
          back_office_due_soon_hours?: number
          appointment_reminder_minutes?: number
          slot_generation_days?: number
          booking_horizon_days?: number
          guidance_idle_minutes?: number
          max_receipts?: number
          updated_at?: string
        }
        Update: {
          id?: boolean
          resubmission_hours?: number
          ticket_window_lead_minutes?: number
          reactivation_minutes?: number
          auth_code_lifetime_minutes?: number
          otp_lifetime_seconds?: number
          otp_resend_seconds?: number
          otp_max_attempts?: number
          back_office_due_soon_hours?: number
          appointment_reminder_minutes?: number
          slot_generation_days?: number
          booking_horizon_days?: number
          guidance_idle_minutes?: number
          max_receipts?: number
          updated_at?: string
        }
        Relationships: [
        ]
      }
      slot_templates: {
        Row: {
          id: string
          hall_id: string
          weekday: number | null
          start_time: string
          end_time: string
          capacity: number
          valid_from: string | null
          valid_to: string | null
          active: boolean
        }
        Insert: {
          id?: string
          hall_id: string
          weekday?: number | null
          start_time: string
          end_time: string
          capacity: number
          valid_from?: string | null
          valid_to?: string | null
          active?: boolean
        }
        Update: {
          id?: string
          hall_id?: string
          weekday?: number | null
          start_time?: string
          end_time?: string
          capacity?: number
          valid_from?: string | null
          valid_to?: string | null
          active?: boolean
        }
        Relationships: [
          {
            foreignKeyName: "slot_templates_hall_id_fkey"
            columns: ["hall_id"]
            isOneToOne: false
            referencedRelation: "service_halls"
            referencedColumns: ["id"]
          },
        ]
      }
      slots: {
        Row: {
          id: string
          hall_id: string
          day: string
          starts_at: string
          ends_at: string
          capacity: number
          booked: number
          template_id: string | null
          active: boolean
        }
        Insert: {
          id?: string
          hall_id: string
          day: string
          starts_at: string
          ends_at: string
          capacity: number
          booked?: number
          template_id?: string | null
          active?: boolean
        }
        Update: {
          id?: string
          hall_id?: string
          day?: string
          starts_at?: string
          ends_at?: string
          capacity?: number
          booked?: number
          template_id?: string | null
          active?: boolean
        }
        Relationships: [
          {
            foreignKeyName: "slots_hall_id_fkey"
            columns: ["hall_id"]
            isOneToOne: false
            referencedRelation: "service_halls"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "slots_template_id_fkey"
            columns: ["template_id"]
            isOneToOne: false
            referencedRelation: "slot_templates"
            referencedColumns: ["id"]
          },
        ]
      }
      social_security_whitelist: {
        Row: {
          id: string
          ss_no: string
          id_card_no: string
          full_name: string
          phone: string
          active: boolean
          created_at: string
        }
        Insert: {
          id?: string
          ss_no: string
          id_card_no: string
          full_name: string
          phone: string
          active?: boolean
          created_at?: string
        }
        Update: {
          id?: string
          ss_no?: string
          id_card_no?: string
          full_name?: string
          phone?: string
          active?: boolean
          created_at?: string
        }
        Relationships: [
        ]
      }
      ticket_bindings: {
        Row: {
          id: string
          user_id: string
          ticket_id: string
          created_at: string
        }
        Insert: {
          id?: string
          user_id: string
          ticket_id: string
          created_at?: string
        }
        Update: {
          id?: string
          user_id?: string
          ticket_id?: string
          created_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "ticket_bindings_ticket_id_fkey"
            columns: ["ticket_id"]
            isOneToOne: true
            referencedRelation: "tickets"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "ticket_bindings_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      tickets: {
        Row: {
          id: string
          hall_id: string
          day: string
          queue: Database["public"]["Enums"]["ticket_queue"]
          ticket_no: string
          case_id: string | null
          appointment_id: string | null
          status: Database["public"]["Enums"]["ticket_status"]
          enqueued_at: string
          called_by: string | null
          called_at: string | null
          recall_count: number
          abandoned_at: string | null
          reactivate_deadline: string | null
          finished_at: string | null
          created_at: string
        }
        Insert: {
          id?: string
          hall_id: string
          day: string
          queue: Database["public"]["Enums"]["ticket_queue"]
          ticket_no: string
          case_id?: string | null
          appointment_id?: string | null
          status?: Database["public"]["Enums"]["ticket_status"]
          enqueued_at?: string
          called_by?: string | null
          called_at?: string | null
          recall_count?: number
          abandoned_at?: string | null
          reactivate_deadline?: string | null
          finished_at?: string | null
          created_at?: string
        }
        Update: {
          id?: string
          hall_id?: string
          day?: string
          queue?: Database["public"]["Enums"]["ticket_queue"]
          ticket_no?: string
          case_id?: string | null
          appointment_id?: string | null
          status?: Database["public"]["Enums"]["ticket_status"]
          enqueued_at?: string
          called_by?: string | null
          called_at?: string | null
          recall_count?: number
          abandoned_at?: string | null
          reactivate_deadline?: string | null
          finished_at?: string | null
          created_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "tickets_appointment_id_fkey"
            columns: ["appointment_id"]
            isOneToOne: false
            referencedRelation: "appointments"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tickets_called_by_fkey"
            columns: ["called_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tickets_case_id_fkey"
            columns: ["case_id"]
            isOneToOne: true
            referencedRelation: "cases"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tickets_hall_id_fkey"
            columns: ["hall_id"]
            isOneToOne: false
            referencedRelation: "service_halls"
            referencedColumns: ["id"]
          },
        ]
      }
      topics: {
        Row: {
          id: string
          subcategory_id: string
          code: string | null
          name: string
          overview: string | null
          sort: number
          active: boolean
        }
        Insert: {
          id?: string
          subcategory_id: string
          code?: string | null
          name: string
          overview?: string | null
          sort?: number
          active?: boolean
        }
        Update: {
          id?: string
          subcategory_id?: string
          code?: string | null
          name?: string
          overview?: string | null
          sort?: number
          active?: boolean
        }
        Relationships: [
          {
            foreignKeyName: "topics_subcategory_id_fkey"
            columns: ["subcategory_id"]
            isOneToOne: false
            referencedRelation: "business_subcategories"
            referencedColumns: ["id"]
          },
        ]
      }
      video_sessions: {
        Row: {
          id: string
          conversation_id: string
          started_by: string
          status: Database["public"]["Enums"]["video_status"]
          livekit_room: string
          created_at: string
          answered_by: string | null
          answered_at: string | null
          ended_by: string | null
          ended_at: string | null
        }
        Insert: {
          id?: string
          conversation_id: string
          started_by: string
          status?: Database["public"]["Enums"]["video_status"]
          livekit_room: string
          created_at?: string
          answered_by?: string | null
          answered_at?: string | null
          ended_by?: string | null
          ended_at?: string | null
        }
        Update: {
          id?: string
          conversation_id?: string
          started_by?: string
          status?: Database["public"]["Enums"]["video_status"]
          livekit_room?: string
          created_at?: string
          answered_by?: string | null
          answered_at?: string | null
          ended_by?: string | null
          ended_at?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "video_sessions_answered_by_fkey"
            columns: ["answered_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "video_sessions_conversation_id_fkey"
            columns: ["conversation_id"]
            isOneToOne: true
            referencedRelation: "conversations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "video_sessions_ended_by_fkey"
            columns: ["ended_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "video_sessions_started_by_fkey"
            columns: ["started_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      working_calendar: {
        Row: {
          day: string
          kind: Database["public"]["Enums"]["calendar_day_kind"]
          name: string
          provisional: boolean
          note: string | null
        }
        Insert: {
          day: string
          kind: Database["public"]["Enums"]["calendar_day_kind"]
          name: string
          provisional?: boolean
          note?: string | null
        }
        Update: {
          day?: string
          kind?: Database["public"]["Enums"]["calendar_day_kind"]
          name?: string
          provisional?: boolean
          note?: string | null
        }
        Relationships: [
        ]
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      abandon_ticket: {
        Args: {
          p_ticket_id: string
        }
        Returns: {
            id: string
            hall_id: string
            day: string
            queue: Database["public"]["Enums"]["ticket_queue"]
            ticket_no: string
            case_id: string | null
            appointment_id: string | null
            status: Database["public"]["Enums"]["ticket_status"]
            enqueued_at: string
            called_by: string | null
            called_at: string | null
            recall_count: number
            abandoned_at: string | null
            reactivate_deadline: string | null
            finished_at: string | null
            created_at: string
          }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      accept_call: {
        Args: {
          p_ticket_id: string
        }
        Returns: {
            id: string
            hall_id: string
            day: string
            queue: Database["public"]["Enums"]["ticket_queue"]
            ticket_no: string
            case_id: string | null
            appointment_id: string | null
            status: Database["public"]["Enums"]["ticket_status"]
            enqueued_at: string
            called_by: string | null
            called_at: string | null
            recall_count: number
            abandoned_at: string | null
            reactivate_deadline: string | null
            finished_at: string | null
            created_at: string
          }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      add_favorite: {
        Args: {
          p_node_id: string
          p_kind: Database["public"]["Enums"]["favorite_kind"]
          p_region_code?: string
        }
        Returns: {
            user_id: string
            node_id: string
            kind: Database["public"]["Enums"]["favorite_kind"]
            region_code: string | null
            created_at: string
          }
        SetofOptions: {
          from: "*"
          to: "favorites"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      add_working_days: {
        Args: {
          from_day: string
          n: number
        }
        Returns: string
      }
      answer_video: {
        Args: {
          p_video_id: string
          p_accept: boolean
        }
        Returns: {
            id: string
            conversation_id: string
            started_by: string
            status: Database["public"]["Enums"]["video_status"]
            livekit_room: string
            created_at: string
            answered_by: string | null
            answered_at: string | null
            ended_by: string | null
            ended_at: string | null
          }
        SetofOptions: {
          from: "*"
          to: "video_sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      approve_instant: {
        Args: {
          p_case_id: string
        }
        Returns: {
            id: string
            hall_id: string
            day: string
            queue: Database["public"]["Enums"]["ticket_queue"]
            ticket_no: string
            case_id: string | null
            appointment_id: string | null
            status: Database["public"]["Enums"]["ticket_status"]
            enqueued_at: string
            called_by: string | null
            called_at: string | null
            recall_count: number
            abandoned_at: string | null
            reactivate_deadline: string | null
            finished_at: string | null
            created_at: string
          }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      approve_review: {
        Args: {
          p_case_id: string
          p_note?: string
        }
        Returns: {
            id: string
            task_no: string
            form_id: string
            owner_id: string
            enterprise_id: string | null
            node_id: string
            hall_id: string
            status: Database["public"]["Enums"]["case_status"]
            review_status: Database["public"]["Enums"]["review_status"]
            review_claimed_by: string | null
            review_claimed_at: string | null
            reviewed_by: string | null
            reviewed_at: string | null
            review_feedback: string | null
            resubmit_deadline: string | null
            resubmission_count: number
            mode: Database["public"]["Enums"]["handling_mode"] | null
            back_office_due_at: string | null
            back_office_specified: boolean
            back_office_officer_id: string | null
            back_office_taken_at: string | null
            back_office_alert: string | null
            instant_approved_by: string | null
            handler_id: string | null
            outcome: Database["public"]["Enums"]["case_outcome"] | null
            result_note: string | null
            close_reason: Database["public"]["Enums"]["case_close_reason"] | null
            history_reason: number | null
            closed_at: string | null
            created_at: string
            updated_at: string
          }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      authorize_back_office: {
        Args: {
          p_case_id: string
          p_due_at?: string
        }
        Returns: {
            id: string
            task_no: string
            form_id: string
            owner_id: string
            enterprise_id: string | null
            node_id: string
            hall_id: string
            status: Database["public"]["Enums"]["case_status"]
            review_status: Database["public"]["Enums"]["review_status"]
            review_claimed_by: string | null
            review_claimed_at: string | null
            reviewed_by: string | null
            reviewed_at: string | null
            review_feedback: string | null
            resubmit_deadline: string | null
            resubmission_count: number
            mode: Database["public"]["Enums"]["handling_mode"] | null
            back_office_due_at: string | null
            back_office_specified: boolean
            back_office_officer_id: string | null
            back_office_taken_at: string | null
            back_office_alert: string | null
            instant_approved_by: string | null
            handler_id: string | null
            outcome: Database["public"]["Enums"]["case_outcome"] | null
            result_note: string | null
            close_reason: Database["public"]["Enums"]["case_close_reason"] | null
            history_reason: number | null
            closed_at: string | null
            created_at: string
            updated_at: string
          }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      back_office_estimate: {
        Args: {
          p_case_id: string
        }
        Returns: string
      }
      bind_ticket: {
        Args: {
          p_hall_id: string
          p_ticket_no: string
          p_bind_code: string
        }
        Returns: {
            id: string
            hall_id: string
            day: string
            queue: Database["public"]["Enums"]["ticket_queue"]
            ticket_no: string
            case_id: string | null
            appointment_id: string | null
            status: Database["public"]["Enums"]["ticket_status"]
            enqueued_at: string
            called_by: string | null
            called_at: string | null
            recall_count: number
            abandoned_at: string | null
            reactivate_deadline: string | null
            finished_at: string | null
            created_at: string
          }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      book_appointment: {
        Args: {
          p_case_id: string
          p_slot_id: string
          p_taxpayer_id: string
        }
        Returns: {
            id: string
            case_id: string
            slot_id: string
            hall_id: string
            status: Database["public"]["Enums"]["appointment_status"]
            window_opens_at: string
            window_closes_at: string
            window_notified_at: string | null
            reminded_at: string | null
            created_at: string
            cancelled_at: string | null
          }
        SetofOptions: {
          from: "*"
          to: "appointments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      call_next: {
        Args: {
          p_hall_id: string
          p_queue?: Database["public"]["Enums"]["ticket_queue"]
        }
        Returns: {
            id: string
            hall_id: string
            day: string
            queue: Database["public"]["Enums"]["ticket_queue"]
            ticket_no: string
            case_id: string | null
            appointment_id: string | null
            status: Database["public"]["Enums"]["ticket_status"]
            enqueued_at: string
            called_by: string | null
            called_at: string | null
            recall_count: number
            abandoned_at: string | null
            reactivate_deadline: string | null
            finished_at: string | null
            created_at: string
          }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      call_ticket: {
        Args: {
          p_ticket_id: string
        }
        Returns: {
            id: string
            hall_id: string
            day: string
            queue: Database["public"]["Enums"]["ticket_queue"]
            ticket_no: string
            case_id: string | null
            appointment_id: string | null
            status: Database["public"]["Enums"]["ticket_status"]
            enqueued_at: string
            called_by: string | null
            called_at: string | null
            recall_count: number
            abandoned_at: string | null
            reactivate_deadline: string | null
            finished_at: string | null
            created_at: string
          }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      cancel_appointment: {
        Args: {
          p_appointment_id: string
          p_rebook?: boolean
        }
        Returns: {
            id: string
            task_no: string
            form_id: string
            owner_id: string
            enterprise_id: string | null
            node_id: string
            hall_id: string
            status: Database["public"]["Enums"]["case_status"]
            review_status: Database["public"]["Enums"]["review_status"]
            review_claimed_by: string | null
            review_claimed_at: string | null
            reviewed_by: string | null
            reviewed_at: string | null
            review_feedback: string | null
            resubmit_deadline: string | null
            resubmission_count: number
            mode: Database["public"]["Enums"]["handling_mode"] | null
            back_office_due_at: string | null
            back_office_specified: boolean
            back_office_officer_id: string | null
            back_office_taken_at: string | null
            back_office_alert: string | null
            instant_approved_by: string | null
            handler_id: string | null
            outcome: Database["public"]["Enums"]["case_outcome"] | null
            result_note: string | null
            close_reason: Database["public"]["Enums"]["case_close_reason"] | null
            history_reason: number | null
            closed_at: string | null
            created_at: string
            updated_at: string
          }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      cancel_case: {
        Args: {
          p_case_id: string
          p_reason?: string
        }
        Returns: {
            id: string
            task_no: string
            form_id: string
            owner_id: string
            enterprise_id: string | null
            node_id: string
            hall_id: string
            status: Database["public"]["Enums"]["case_status"]
            review_status: Database["public"]["Enums"]["review_status"]
            review_claimed_by: string | null
            review_claimed_at: string | null
            reviewed_by: string | null
            reviewed_at: string | null
            review_feedback: string | null
            resubmit_deadline: string | null
            resubmission_count: number
            mode: Database["public"]["Enums"]["handling_mode"] | null
            back_office_due_at: string | null
            back_office_specified: boolean
            back_office_officer_id: string | null
            back_office_taken_at: string | null
            back_office_alert: string | null
            instant_approved_by: string | null
            handler_id: string | null
            outcome: Database["public"]["Enums"]["case_outcome"] | null
            result_note: string | null
            close_reason: Database["public"]["Enums"]["case_close_reason"] | null
            history_reason: number | null
            closed_at: string | null
            created_at: string
            updated_at: string
          }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      cleanup_authorization_codes: {
        Args: never
        Returns: number
      }
      close_guidance: {
        Args: {
          p_session_id: string
        }
        Returns: {
            id: string
            taxpayer_id: string
            hall_id: string
            status: Database["public"]["Enums"]["guidance_status"]
            officer_id: string | null
            topic: string | null
            created_at: string
            taken_at: string | null
            last_activity_at: string
            closed_at: string | null
          }
        SetofOptions: {
          from: "*"
          to: "guidance_sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      close_idle_guidance: {
        Args: never
        Returns: number
      }
      complete_case: {
        Args: {
          p_case_id: string
          p_outcome: Database["public"]["Enums"]["case_outcome"]
          p_note?: string
        }
        Returns: {
            id: string
            task_no: string
            form_id: string
            owner_id: string
            enterprise_id: string | null
            node_id: string
            hall_id: string
            status: Database["public"]["Enums"]["case_status"]
            review_status: Database["public"]["Enums"]["review_status"]
            review_claimed_by: string | null
            review_claimed_at: string | null
            reviewed_by: string | null
            reviewed_at: string | null
            review_feedback: string | null
            resubmit_deadline: string | null
            resubmission_count: number
            mode: Database["public"]["Enums"]["handling_mode"] | null
            back_office_due_at: string | null
            back_office_specified: boolean
            back_office_officer_id: string | null
            back_office_taken_at: string | null
            back_office_alert: string | null
            instant_approved_by: string | null
            handler_id: string | null
            outcome: Database["public"]["Enums"]["case_outcome"] | null
            result_note: string | null
            close_reason: Database["public"]["Enums"]["case_close_reason"] | null
            history_reason: number | null
            closed_at: string | null
            created_at: string
            updated_at: string
          }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      consume_captcha: {
        Args: {
          p_signature: string
          p_expires_at: string
        }
        Returns: boolean
      }
      copy_form: {
        Args: {
          p_form_id: string
        }
        Returns: {
            id: string
            owner_id: string
            enterprise_id: string | null
            node_id: string
            region_code: string | null
            hall_id: string | null
            agent_name: string | null
            agent_contact: string | null
            description: string
            status: Database["public"]["Enums"]["form_status"]
            copied_from: string | null
            created_at: string
            updated_at: string
            submitted_at: string | null
          }
        SetofOptions: {
          from: "*"
          to: "forms"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      create_authorization_code: {
        Args: {
          p_hall_id: string
        }
        Returns: {
            id: string
            hall_id: string
            code: string
            created_by: string
            created_at: string
            expires_at: string
            used_at: string | null
            used_for_case: string | null
          }
        SetofOptions: {
          from: "*"
          to: "authorization_codes"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      custom_access_token_hook: {
        Args: {
          event: Json
        }
        Returns: Json
      }
      decide_payment: {
        Args: {
          p_payment_id: string
          p_confirmed: boolean
          p_note?: string
        }
        Returns: {
            id: string
            case_id: string
            amount: number
            instructions: string | null
            qr_object_path: string | null
            status: Database["public"]["Enums"]["payment_status"]
            requested_by: string
            requested_at: string
            receipt_note: string | null
            submitted_at: string | null
            decided_by: string | null
            decided_at: string | null
            result_note: string | null
          }
        SetofOptions: {
          from: "*"
          to: "payments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      delete_draft: {
        Args: {
          p_form_id: string
        }
        Returns: undefined
      }
      due_work: {
        Args: {
          p_limit?: number
        }
        Returns: {
            kind: string
            id: string
            due_at: string
          }[]
      }
      editable: {
        Args: {
          "": Database["public"]["Tables"]["forms"]["Row"]
        }
        Returns: boolean
      }
      end_video: {
        Args: {
          p_video_id: string
        }
        Returns: {
            id: string
            conversation_id: string
            started_by: string
            status: Database["public"]["Enums"]["video_status"]
            livekit_room: string
            created_at: string
            answered_by: string | null
            answered_at: string | null
            ended_by: string | null
            ended_at: string | null
          }
        SetofOptions: {
          from: "*"
          to: "video_sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      expire_reactivation: {
        Args: {
          p_ticket_id: string
        }
        Returns: {
            id: string
            hall_id: string
            day: string
            queue: Database["public"]["Enums"]["ticket_queue"]
            ticket_no: string
            case_id: string | null
            appointment_id: string | null
            status: Database["public"]["Enums"]["ticket_status"]
            enqueued_at: string
            called_by: string | null
            called_at: string | null
            recall_count: number
            abandoned_at: string | null
            reactivate_deadline: string | null
            finished_at: string | null
            created_at: string
          }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      expire_resubmission: {
        Args: {
          p_case_id: string
        }
        Returns: {
            id: string
            task_no: string
            form_id: string
            owner_id: string
            enterprise_id: string | null
            node_id: string
            hall_id: string
            status: Database["public"]["Enums"]["case_status"]
            review_status: Database["public"]["Enums"]["review_status"]
            review_claimed_by: string | null
            review_claimed_at: string | null
            reviewed_by: string | null
            reviewed_at: string | null
            review_feedback: string | null
            resubmit_deadline: string | null
            resubmission_count: number
            mode: Database["public"]["Enums"]["handling_mode"] | null
            back_office_due_at: string | null
            back_office_specified: boolean
            back_office_officer_id: string | null
            back_office_taken_at: string | null
            back_office_alert: string | null
            instant_approved_by: string | null
            handler_id: string | null
            outcome: Database["public"]["Enums"]["case_outcome"] | null
            result_note: string | null
            close_reason: Database["public"]["Enums"]["case_close_reason"] | null
            history_reason: number | null
            closed_at: string | null
            created_at: string
            updated_at: string
          }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      expire_ticket_window: {
        Args: {
          p_appointment_id: string
        }
        Returns: {
            id: string
            task_no: string
            form_id: string
            owner_id: string
            enterprise_id: string | null
            node_id: string
            hall_id: string
            status: Database["public"]["Enums"]["case_status"]
            review_status: Database["public"]["Enums"]["review_status"]
            review_claimed_by: string | null
            review_claimed_at: string | null
            reviewed_by: string | null
            reviewed_at: string | null
            review_feedback: string | null
            resubmit_deadline: string | null
            resubmission_count: number
            mode: Database["public"]["Enums"]["handling_mode"] | null
            back_office_due_at: string | null
            back_office_specified: boolean
            back_office_officer_id: string | null
            back_office_taken_at: string | null
            back_office_alert: string | null
            instant_approved_by: string | null
            handler_id: string | null
            outcome: Database["public"]["Enums"]["case_outcome"] | null
            result_note: string | null
            close_reason: Database["public"]["Enums"]["case_close_reason"] | null
            history_reason: number | null
            closed_at: string | null
            created_at: string
            updated_at: string
          }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      generate_slots: {
        Args: {
          p_from?: string
          p_days?: number
        }
        Returns: number
      }
      grant_upload: {
        Args: {
          p_object_path: string
          p_minutes?: number
        }
        Returns: string
      }
      is_party: {
        Args: {
          "": Database["public"]["Tables"]["forms"]["Row"]
        }
        Returns: boolean
      }
      is_working_day: {
        Args: {
          day: string
        }
        Returns: boolean
      }
      issue_hall_ticket: {
        Args: {
          p_hall_id: string
          p_ticket_no: string
          p_bind_code: string
        }
        Returns: {
            id: string
            hall_id: string
            day: string
            queue: Database["public"]["Enums"]["ticket_queue"]
            ticket_no: string
            case_id: string | null
            appointment_id: string | null
            status: Database["public"]["Enums"]["ticket_status"]
            enqueued_at: string
            called_by: string | null
            called_at: string | null
            recall_count: number
            abandoned_at: string | null
            reactivate_deadline: string | null
            finished_at: string | null
            created_at: string
          }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      issue_ticket: {
        Args: {
          p_case_id: string
        }
        Returns: {
            id: string
            hall_id: string
            day: string
            queue: Database["public"]["Enums"]["ticket_queue"]
            ticket_no: string
            case_id: string | null
            appointment_id: string | null
            status: Database["public"]["Enums"]["ticket_status"]
            enqueued_at: string
            called_by: string | null
            called_at: string | null
            recall_count: number
            abandoned_at: string | null
            reactivate_deadline: string | null
            finished_at: string | null
            created_at: string
          }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      link_profile: {
        Args: {
          p_user_id: string
          p_cert_type: Database["public"]["Enums"]["cert_type"]
          p_cert_no: string
        }
        Returns: {
            id: string
            app_role: Database["public"]["Enums"]["app_role"]
            full_name: string
            cert_type: Database["public"]["Enums"]["cert_type"] | null
            cert_no: string | null
            phone: string | null
            staff_no: string | null
            created_at: string
            updated_at: string
          }
        SetofOptions: {
          from: "*"
          to: "profiles"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      login_guard: {
        Args: {
          p_phone: string
          p_event: string
        }
        Returns: Json
      }
      login_lookup: {
        Args: {
          p_cert_type: Database["public"]["Enums"]["cert_type"]
          p_cert_no: string
          p_id_card_no?: string
          p_phone?: string
        }
        Returns: Json
      }
      mark_back_office_due: {
        Args: {
          p_case_id: string
        }
        Returns: {
            id: string
            task_no: string
            form_id: string
            owner_id: string
            enterprise_id: string | null
            node_id: string
            hall_id: string
            status: Database["public"]["Enums"]["case_status"]
            review_status: Database["public"]["Enums"]["review_status"]
            review_claimed_by: string | null
            review_claimed_at: string | null
            reviewed_by: string | null
            reviewed_at: string | null
            review_feedback: string | null
            resubmit_deadline: string | null
            resubmission_count: number
            mode: Database["public"]["Enums"]["handling_mode"] | null
            back_office_due_at: string | null
            back_office_specified: boolean
            back_office_officer_id: string | null
            back_office_taken_at: string | null
            back_office_alert: string | null
            instant_approved_by: string | null
            handler_id: string | null
            outcome: Database["public"]["Enums"]["case_outcome"] | null
            result_note: string | null
            close_reason: Database["public"]["Enums"]["case_close_reason"] | null
            history_reason: number | null
            closed_at: string | null
            created_at: string
            updated_at: string
          }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      mark_notices_read: {
        Args: {
          p_ids?: string[]
        }
        Returns: number
      }
      mark_read: {
        Args: {
          p_conversation_id: string
          p_message_id?: number
        }
        Returns: {
            conversation_id: string
            user_id: string
            last_read_message_id: number
            updated_at: string
          }
        SetofOptions: {
          from: "*"
          to: "conversation_reads"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      mark_sms: {
        Args: {
          p_notice_id: string
          p_sent: boolean
        }
        Returns: {
            id: string
            user_id: string
            kind: Database["public"]["Enums"]["notice_kind"]
            title: string
            body: string
            case_id: string | null
            created_at: string
            read_at: string | null
            sms_status: Database["public"]["Enums"]["sms_status"]
            sms_sent_at: string | null
          }
        SetofOptions: {
          from: "*"
          to: "notices"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      open_ticket_window: {
        Args: {
          p_appointment_id: string
        }
        Returns: {
            id: string
            case_id: string
            slot_id: string
            hall_id: string
            status: Database["public"]["Enums"]["appointment_status"]
            window_opens_at: string
            window_closes_at: string
            window_notified_at: string | null
            reminded_at: string | null
            created_at: string
            cancelled_at: string | null
          }
        SetofOptions: {
          from: "*"
          to: "appointments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      pending_sms: {
        Args: {
          p_limit?: number
        }
        Returns: {
            id: string
            user_id: string
            kind: Database["public"]["Enums"]["notice_kind"]
            title: string
            body: string
            case_id: string | null
            created_at: string
            read_at: string | null
            sms_status: Database["public"]["Enums"]["sms_status"]
            sms_sent_at: string | null
          }[]
        SetofOptions: {
          from: "*"
          to: "notices"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      queue_board: {
        Args: {
          p_hall_id: string
        }
        Returns: Json
      }
      reactivate_ticket: {
        Args: {
          p_ticket_id: string
        }
        Returns: {
            id: string
            hall_id: string
            day: string
            queue: Database["public"]["Enums"]["ticket_queue"]
            ticket_no: string
            case_id: string | null
            appointment_id: string | null
            status: Database["public"]["Enums"]["ticket_status"]
            enqueued_at: string
            called_by: string | null
            called_at: string | null
            recall_count: number
            abandoned_at: string | null
            reactivate_deadline: string | null
            finished_at: string | null
            created_at: string
          }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      recall_ticket: {
        Args: {
          p_ticket_id: string
        }
        Returns: {
            id: string
            hall_id: string
            day: string
            queue: Database["public"]["Enums"]["ticket_queue"]
            ticket_no: string
            case_id: string | null
            appointment_id: string | null
            status: Database["public"]["Enums"]["ticket_status"]
            enqueued_at: string
            called_by: string | null
            called_at: string | null
            recall_count: number
            abandoned_at: string | null
            reactivate_deadline: string | null
            finished_at: string | null
            created_at: string
          }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      record_attachment: {
        Args: {
          p_form_id: string
          p_requirement_id: string
          p_object_path: string
          p_file_name?: string
          p_uploaded_by?: string
        }
        Returns: {
            id: string
            form_id: string
            requirement_id: string
            bucket: string
            object_path: string
            file_name: string
            mime_type: string | null
            size_bytes: number | null
            uploaded_by: string | null
            created_at: string
          }
        SetofOptions: {
          from: "*"
          to: "attachments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      reject_review: {
        Args: {
          p_case_id: string
          p_feedback: string
          p_deadline?: string
        }
        Returns: {
            id: string
            task_no: string
            form_id: string
            owner_id: string
            enterprise_id: string | null
            node_id: string
            hall_id: string
            status: Database["public"]["Enums"]["case_status"]
            review_status: Database["public"]["Enums"]["review_status"]
            review_claimed_by: string | null
            review_claimed_at: string | null
            reviewed_by: string | null
            reviewed_at: string | null
            review_feedback: string | null
            resubmit_deadline: string | null
            resubmission_count: number
            mode: Database["public"]["Enums"]["handling_mode"] | null
            back_office_due_at: string | null
            back_office_specified: boolean
            back_office_officer_id: string | null
            back_office_taken_at: string | null
            back_office_alert: string | null
            instant_approved_by: string | null
            handler_id: string | null
            outcome: Database["public"]["Enums"]["case_outcome"] | null
            result_note: string | null
            close_reason: Database["public"]["Enums"]["case_close_reason"] | null
            history_reason: number | null
            closed_at: string | null
            created_at: string
            updated_at: string
          }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      remind_appointment: {
        Args: {
          p_appointment_id: string
        }
        Returns: {
            id: string
            case_id: string
            slot_id: string
            hall_id: string
            status: Database["public"]["Enums"]["appointment_status"]
            window_opens_at: string
            window_closes_at: string
            window_notified_at: string | null
            reminded_at: string | null
            created_at: string
            cancelled_at: string | null
          }
        SetofOptions: {
          from: "*"
          to: "appointments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      remove_attachment: {
        Args: {
          p_attachment_id: string
        }
        Returns: undefined
      }
      request_instant: {
        Args: {
          p_case_id: string
          p_code: string
        }
        Returns: {
            id: string
            hall_id: string
            day: string
            queue: Database["public"]["Enums"]["ticket_queue"]
            ticket_no: string
            case_id: string | null
            appointment_id: string | null
            status: Database["public"]["Enums"]["ticket_status"]
            enqueued_at: string
            called_by: string | null
            called_at: string | null
            recall_count: number
            abandoned_at: string | null
            reactivate_deadline: string | null
            finished_at: string | null
            created_at: string
          }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      request_payment: {
        Args: {
          p_case_id: string
          p_amount: number
          p_instructions?: string
          p_qr_object_path?: string
        }
        Returns: {
            id: string
            case_id: string
            amount: number
            instructions: string | null
            qr_object_path: string | null
            status: Database["public"]["Enums"]["payment_status"]
            requested_by: string
            requested_at: string
            receipt_note: string | null
            submitted_at: string | null
            decided_by: string | null
            decided_at: string | null
            result_note: string | null
          }
        SetofOptions: {
          from: "*"
          to: "payments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      resubmit_case: {
        Args: {
          p_case_id: string
        }
        Returns: {
            id: string
            task_no: string
            form_id: string
            owner_id: string
            enterprise_id: string | null
            node_id: string
            hall_id: string
            status: Database["public"]["Enums"]["case_status"]
            review_status: Database["public"]["Enums"]["review_status"]
            review_claimed_by: string | null
            review_claimed_at: string | null
            reviewed_by: string | null
            reviewed_at: string | null
            review_feedback: string | null
            resubmit_deadline: string | null
            resubmission_count: number
            mode: Database["public"]["Enums"]["handling_mode"] | null
            back_office_due_at: string | null
            back_office_specified: boolean
            back_office_officer_id: string | null
            back_office_taken_at: string | null
            back_office_alert: string | null
            instant_approved_by: string | null
            handler_id: string | null
            outcome: Database["public"]["Enums"]["case_outcome"] | null
            result_note: string | null
            close_reason: Database["public"]["Enums"]["case_close_reason"] | null
            history_reason: number | null
            closed_at: string | null
            created_at: string
            updated_at: string
          }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      save_draft: {
        Args: {
          p_form_id: string
          p_node_id: string
          p_hall_id?: string
          p_region_code?: string
          p_enterprise_id?: string
          p_agent_name?: string
          p_agent_contact?: string
          p_description?: string
        }
        Returns: {
            id: string
            owner_id: string
            enterprise_id: string | null
            node_id: string
            region_code: string | null
            hall_id: string | null
            agent_name: string | null
            agent_contact: string | null
            description: string
            status: Database["public"]["Enums"]["form_status"]
            copied_from: string | null
            created_at: string
            updated_at: string
            submitted_at: string | null
          }
        SetofOptions: {
          from: "*"
          to: "forms"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      send_message: {
        Args: {
          p_conversation_id: string
          p_body: string
          p_kind?: Database["public"]["Enums"]["message_kind"]
          p_object_path?: string
          p_file_name?: string
          p_mime_type?: string
        }
        Returns: {
            id: number
            conversation_id: string
            sender_id: string | null
            kind: Database["public"]["Enums"]["message_kind"]
            body: string | null
            object_path: string | null
            file_name: string | null
            mime_type: string | null
            created_at: string
          }
        SetofOptions: {
          from: "*"
          to: "messages"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      start_guidance: {
        Args: {
          p_hall_id: string
          p_topic?: string
        }
        Returns: {
            id: string
            taxpayer_id: string
            hall_id: string
            status: Database["public"]["Enums"]["guidance_status"]
            officer_id: string | null
            topic: string | null
            created_at: string
            taken_at: string | null
            last_activity_at: string
            closed_at: string | null
          }
        SetofOptions: {
          from: "*"
          to: "guidance_sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      start_video: {
        Args: {
          p_conversation_id: string
        }
        Returns: {
            id: string
            conversation_id: string
            started_by: string
            status: Database["public"]["Enums"]["video_status"]
            livekit_room: string
            created_at: string
            answered_by: string | null
            answered_at: string | null
            ended_by: string | null
            ended_at: string | null
          }
        SetofOptions: {
          from: "*"
          to: "video_sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      submit_form: {
        Args: {
          p_form_id: string
        }
        Returns: {
            id: string
            task_no: string
            form_id: string
            owner_id: string
            enterprise_id: string | null
            node_id: string
            hall_id: string
            status: Database["public"]["Enums"]["case_status"]
            review_status: Database["public"]["Enums"]["review_status"]
            review_claimed_by: string | null
            review_claimed_at: string | null
            reviewed_by: string | null
            reviewed_at: string | null
            review_feedback: string | null
            resubmit_deadline: string | null
            resubmission_count: number
            mode: Database["public"]["Enums"]["handling_mode"] | null
            back_office_due_at: string | null
            back_office_specified: boolean
            back_office_officer_id: string | null
            back_office_taken_at: string | null
            back_office_alert: string | null
            instant_approved_by: string | null
            handler_id: string | null
            outcome: Database["public"]["Enums"]["case_outcome"] | null
            result_note: string | null
            close_reason: Database["public"]["Enums"]["case_close_reason"] | null
            history_reason: number | null
            closed_at: string | null
            created_at: string
            updated_at: string
          }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      submit_payment_receipts: {
        Args: {
          p_payment_id: string
          p_object_paths: string[]
          p_note?: string
        }
        Returns: {
            id: string
            case_id: string
            amount: number
            instructions: string | null
            qr_object_path: string | null
            status: Database["public"]["Enums"]["payment_status"]
            requested_by: string
            requested_at: string
            receipt_note: string | null
            submitted_at: string | null
            decided_by: string | null
            decided_at: string | null
            result_note: string | null
          }
        SetofOptions: {
          from: "*"
          to: "payments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      take_back_office: {
        Args: {
          p_case_id: string
        }
        Returns: {
            id: string
            task_no: string
            form_id: string
            owner_id: string
            enterprise_id: string | null
            node_id: string
            hall_id: string
            status: Database["public"]["Enums"]["case_status"]
            review_status: Database["public"]["Enums"]["review_status"]
            review_claimed_by: string | null
            review_claimed_at: string | null
            reviewed_by: string | null
            reviewed_at: string | null
            review_feedback: string | null
            resubmit_deadline: string | null
            resubmission_count: number
            mode: Database["public"]["Enums"]["handling_mode"] | null
            back_office_due_at: string | null
            back_office_specified: boolean
            back_office_officer_id: string | null
            back_office_taken_at: string | null
            back_office_alert: string | null
            instant_approved_by: string | null
            handler_id: string | null
            outcome: Database["public"]["Enums"]["case_outcome"] | null
            result_note: string | null
            close_reason: Database["public"]["Enums"]["case_close_reason"] | null
            history_reason: number | null
            closed_at: string | null
            created_at: string
            updated_at: string
          }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      take_next_back_office: {
        Args: {
          p_hall_id: string
        }
        Returns: {
            id: string
            task_no: string
            form_id: string
            owner_id: string
            enterprise_id: string | null
            node_id: string
            hall_id: string
            status: Database["public"]["Enums"]["case_status"]
            review_status: Database["public"]["Enums"]["review_status"]
            review_claimed_by: string | null
            review_claimed_at: string | null
            reviewed_by: string | null
            reviewed_at: string | null
            review_feedback: string | null
            resubmit_deadline: string | null
            resubmission_count: number
            mode: Database["public"]["Enums"]["handling_mode"] | null
            back_office_due_at: string | null
            back_office_specified: boolean
            back_office_officer_id: string | null
            back_office_taken_at: string | null
            back_office_alert: string | null
            instant_approved_by: string | null
            handler_id: string | null
            outcome: Database["public"]["Enums"]["case_outcome"] | null
            result_note: string | null
            close_reason: Database["public"]["Enums"]["case_close_reason"] | null
            history_reason: number | null
            closed_at: string | null
            created_at: string
            updated_at: string
          }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      take_next_guidance: {
        Args: {
          p_hall_id: string
        }
        Returns: {
            id: string
            taxpayer_id: string
            hall_id: string
            status: Database["public"]["Enums"]["guidance_status"]
            officer_id: string | null
            topic: string | null
            created_at: string
            taken_at: string | null
            last_activity_at: string
            closed_at: string | null
          }
        SetofOptions: {
          from: "*"
          to: "guidance_sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      take_next_review: {
        Args: {
          p_hall_id: string
        }
        Returns: {
            id: string
            task_no: string
            form_id: string
            owner_id: string
            enterprise_id: string | null
            node_id: string
            hall_id: string
            status: Database["public"]["Enums"]["case_status"]
            review_status: Database["public"]["Enums"]["review_status"]
            review_claimed_by: string | null
            review_claimed_at: string | null
            reviewed_by: string | null
            reviewed_at: string | null
            review_feedback: string | null
            resubmit_deadline: string | null
            resubmission_count: number
            mode: Database["public"]["Enums"]["handling_mode"] | null
            back_office_due_at: string | null
            back_office_specified: boolean
            back_office_officer_id: string | null
            back_office_taken_at: string | null
            back_office_alert: string | null
            instant_approved_by: string | null
            handler_id: string | null
            outcome: Database["public"]["Enums"]["case_outcome"] | null
            result_note: string | null
            close_reason: Database["public"]["Enums"]["case_close_reason"] | null
            history_reason: number | null
            closed_at: string | null
            created_at: string
            updated_at: string
          }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      unread_counts: {
        Args: never
        Returns: {
            conversation_id: string
            case_id: string
            guidance_session_id: string
            unread: number
          }[]
      }
    }
    Enums: {
      app_role:
        | "taxpayer"
        | "officer"
        | "admin"
      appointment_status:
        | "booked"
        | "cancelled"
        | "ticketed"
        | "expired"
      business_audience:
        | "personal"
        | "enterprise"
        | "both"
      calendar_day_kind:
        | "holiday"
        | "workday"
      case_close_reason:
        | "completed"
        | "cancelled_by_taxpayer"
        | "window_passed_unreviewed"
        | "resubmission_expired"
        | "window_passed_no_ticket"
        | "not_reactivated"
        | "changes_not_made"
      case_event_kind:
        | "submitted"
        | "resubmitted"
        | "review_taken"
        | "review_approved"
        | "review_rejected"
        | "back_office_authorized"
        | "back_office_time_specified"
        | "back_office_taken"
        | "appointment_booked"
        | "appointment_cancelled"
        | "instant_requested"
        | "instant_approved"
        | "ticket_window_opened"
        | "ticket_issued"
        | "called"
        | "recalled"
        | "call_accepted"
        | "abandoned"
        | "reactivated"
        | "payment_requested"
        | "payment_submitted"
        | "payment_confirmed"
        | "payment_rejected"
        | "completed"
        | "cancelled"
        | "expired"
        | "mode_reset"
      case_outcome:
        | "success"
        | "failure"
      case_status:
        | "submitted"
        | "back_office"
        | "back_office_taken"
        | "booked"
        | "queued"
        | "called"
        | "serving"
        | "abandoned"
        | "completed"
        | "cancelled"
      cert_type:
        | "resident_id"
        | "hk_macao_permit"
        | "taiwan_permit"
        | "passport"
        | "foreign_permanent_residence"
        | "social_security"
      conversation_kind:
        | "case"
        | "guidance"
      enterprise_relation:
        | "legal_rep"
        | "financial_officer"
        | "tax_agent"
        | "staff"
      favorite_kind:
        | "node"
        | "letter"
      form_status:
        | "draft"
        | "submitted"
      guidance_status:
        | "waiting"
        | "active"
        | "closed"
      handling_mode:
        | "back_office"
        | "appointment"
        | "instant"
      handling_path:
        | "etax"
        | "yueshuitong"
        | "remote_visual"
        | "service_hall"
      message_kind:
        | "text"
        | "image"
        | "file"
        | "system"
      notice_kind:
        | "booking_confirmed"
        | "booking_cancelled"
        | "review_approved"
        | "review_rejected"
        | "ticket_window_open"
        | "appointment_reminder"
        | "called"
        | "abandoned"
        | "payment_requested"
        | "payment_result"
        | "back_office_due"
        | "completed"
        | "cancelled"
        | "video_rejected"
      officer_duty:
        | "reviewer"
        | "back_office"
        | "online"
        | "guidance"
        | "onsite"
      payment_status:
        | "requested"
        | "submitted"
        | "confirmed"
        | "rejected"
        | "cancelled"
      region_level:
        | "province"
        | "city"
        | "district"
      requirement_kind:
        | "form"
        | "material"
      review_status:
        | "pending"
        | "approved"
        | "rejected"
      sms_status:
        | "none"
        | "pending"
        | "sent"
        | "failed"
      ticket_queue:
        | "appointment"
        | "instant"
        | "hall"
      ticket_status:
        | "waiting"
        | "called"
        | "serving"
        | "abandoned"
        | "done"
        | "expired"
        | "cancelled"
      video_status:
        | "ringing"
        | "active"
        | "rejected"
        | "ended"
        | "cancelled"
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {
      app_role: ["taxpayer", "officer", "admin"],
      appointment_status: ["booked", "cancelled", "ticketed", "expired"],
      business_audience: ["personal", "enterprise", "both"],
      calendar_day_kind: ["holiday", "workday"],
      case_close_reason: ["completed", "cancelled_by_taxpayer", "window_passed_unreviewed", "resubmission_expired", "window_passed_no_ticket", "not_reactivated", "changes_not_made"],
      case_event_kind: ["submitted", "resubmitted", "review_taken", "review_approved", "review_rejected", "back_office_authorized", "back_office_time_specified", "back_office_taken", "appointment_booked", "appointment_cancelled", "instant_requested", "instant_approved", "ticket_window_opened", "ticket_issued", "called", "recalled", "call_accepted", "abandoned", "reactivated", "payment_requested", "payment_submitted", "payment_confirmed", "payment_rejected", "completed", "cancelled", "expired", "mode_reset"],
      case_outcome: ["success", "failure"],
      case_status: ["submitted", "back_office", "back_office_taken", "booked", "queued", "called", "serving", "abandoned", "completed", "cancelled"],
      cert_type: ["resident_id", "hk_macao_permit", "taiwan_permit", "passport", "foreign_permanent_residence", "social_security"],
      conversation_kind: ["case", "guidance"],
      enterprise_relation: ["legal_rep", "financial_officer", "tax_agent", "staff"],
      favorite_kind: ["node", "letter"],
      form_status: ["draft", "submitted"],
      guidance_status: ["waiting", "active", "closed"],
      handling_mode: ["back_office", "appointment", "instant"],
      handling_path: ["etax", "yueshuitong", "remote_visual", "service_hall"],
      message_kind: ["text", "image", "file", "system"],
      notice_kind: ["booking_confirmed", "booking_cancelled", "review_approved", "review_rejected", "ticket_window_open", "appointment_reminder", "called", "abandoned", "payment_requested", "payment_result", "back_office_due", "completed", "cancelled", "video_rejected"],
      officer_duty: ["reviewer", "back_office", "online", "guidance", "onsite"],
      payment_status: ["requested", "submitted", "confirmed", "rejected", "cancelled"],
      region_level: ["province", "city", "district"],
      requirement_kind: ["form", "material"],
      review_status: ["pending", "approved", "rejected"],
      sms_status: ["none", "pending", "sent", "failed"],
      ticket_queue: ["appointment", "instant", "hall"],
      ticket_status: ["waiting", "called", "serving", "abandoned", "done", "expired", "cancelled"],
      video_status: ["ringing", "active", "rejected", "ended", "cancelled"],
    },
  },
} as const
